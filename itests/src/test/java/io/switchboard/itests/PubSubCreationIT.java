package io.switchboard.itests;

import static io.switchboard.itests.PubSubAsserts.assertError;
import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;

import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.pubsub.AccessModel;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.form.ConfigureForm;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.jxmpp.jid.impl.JidCreate;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.w3c.dom.Element;

/**
 * How nodes come to be at {@code pubsub.<domain>}, as standard clients make them: instant nodes
 * (XEP-0060 8.1.2), a publish that creates its node (7.1.4), and publish-options that are
 * preconditions on the node's configuration (7.1.5), over Smack and raw XMPP.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PubSubCreationIT {

    private static final String PUBSUB = "pubsub." + DOMAIN;
    private static final String NS = "http://jabber.org/protocol/pubsub";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(PubSubCreationIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "alice", "bob");
    }

    private static PubSubManager pubsub(SmackDesktop desktop) throws Exception {
        return PubSubManager.getInstanceFor(desktop.connection, JidCreate.bareFrom(PUBSUB));
    }

    private static PayloadItem<SimplePayload> entry(String id, String text) {
        return new PayloadItem<>(id, new SimplePayload("<entry xmlns='urn:example:news'>" + text + "</entry>"));
    }

    private static List<String> ids(List<? extends Item> items) {
        return items.stream().map(Item::getId).toList();
    }

    @Test
    public void theServicesDiscoInfoListsExactlyTheFeaturesItOffers() throws Exception {
        try (SmackDesktop alice = SmackDesktop.of("alice").login()) {
            Set<String> listed = new TreeSet<>();
            pubsub(alice).getSupportedFeatures().getFeatures().forEach(feature -> listed.add(feature.getVar()));

            Set<String> offered = new TreeSet<>(Set.of("http://jabber.org/protocol/disco#info",
                    "http://jabber.org/protocol/disco#items", NS));
            for (String feature : List.of("access-authorize", "access-open", "access-presence", "access-roster",
                    "access-whitelist", "auto-create", "config-node", "create-and-configure", "create-nodes", "delete-items",
                    "delete-nodes", "instant-nodes", "item-ids", "last-published", "manage-subscriptions", "member-affiliation",
                    "meta-data", "modify-affiliations", "outcast-affiliation", "persistent-items", "publish", "publish-options",
                    "publisher-affiliation", "purge-nodes", "retract-items", "retrieve-affiliations", "retrieve-default",
                    "retrieve-items", "retrieve-subscriptions", "subscribe", "subscription-notifications",
                    "subscription-options")) {
                offered.add(NS + "#" + feature);
            }
            assertEquals(offered, listed);
        }
    }

    @Test
    public void smacksInstantNodesAreNamedByTheServiceAndOwnedByTheirCreator() throws Exception {
        try (SmackDesktop alice = SmackDesktop.of("alice").login(); SmackDesktop bob = SmackDesktop.of("bob").login()) {
            assertTrue("disco#info lists instant-nodes",
                    pubsub(alice).getSupportedFeatures().containsFeature(NS + "#instant-nodes"));
            assertTrue("what Smack's PubSubIntegrationTest checks first", pubsub(alice).canCreateNodesAndPublishItems());

            LeafNode first = pubsub(alice).createNode();
            LeafNode second = pubsub(alice).createNode();
            assertNotNull(first.getId());
            assertNotEquals(first.getId(), second.getId());
            first.publish(entry("one", "instant"));
            assertEquals(List.of("one"), ids(pubsub(bob).getLeafNode(first.getId()).getItems()));
            assertError("publishing to another's instant node", Condition.forbidden, null,
                    () -> pubsub(bob).getLeafNode(first.getId()).publish(entry("two", "not bob's")));
            assertTrue(pubsub(alice).deleteNode(first.getId()));
        }
    }

    @Test
    public void aPublishCreatesAMissingNodeAndPublishOptionsArePreconditions() throws Exception {
        try (SmackDesktop alice = SmackDesktop.of("alice").login(); SmackDesktop bob = SmackDesktop.of("bob").login();
                RawXmppClient raw = RawXmppClient.connect()) {
            DiscoverInfo service = pubsub(alice).getSupportedFeatures();
            assertTrue(service.containsFeature(NS + "#publish-options"));
            assertTrue(pubsub(alice).supportsAutomaticNodeCreation());

            LeafNode auto = pubsub(alice).tryToPublishAndPossibleAutoCreate("/created/by-publish", entry("a1", "first"));
            assertEquals(List.of("a1"), ids(auto.getItems()));
            assertEquals(AccessModel.open, auto.getNodeConfiguration().getAccessModel());

            raw.login("alice", "raw");
            Element met = raw.set(PUBSUB, publish("/created/by-publish", "a2", option("pubsub#access_model", "open")));
            assertEquals(Xml.toString(met), "result", Xml.attribute(met, "type"));
            assertEquals(List.of("a2", "a1"), ids(auto.getItems()));

            assertRawError(raw.set(PUBSUB, publish("/created/by-publish", "a3", option("pubsub#access_model", "whitelist"))),
                    "conflict", "precondition-not-met");
            assertEquals("nothing published", List.of("a2", "a1"), ids(auto.getItems()));
            assertRawError(raw.set(PUBSUB, publish("/created/by-publish", "a3", option("pubsub#no_such_option", "1"))),
                    "bad-request", null);
            assertRawError(raw.set(PUBSUB, publish("/created/by-publish", "a3", option("pubsub#access_model", "everybody"))),
                    "not-acceptable", null);

            Element created = raw.set(PUBSUB, publish("/created/closed", "c1",
                    option("pubsub#access_model", "whitelist") + option("pubsub#max_items", "2")));
            assertEquals(Xml.toString(created), "result", Xml.attribute(created, "type"));
            ConfigureForm closed = pubsub(alice).getLeafNode("/created/closed").getNodeConfiguration();
            assertEquals(AccessModel.whitelist, closed.getAccessModel());
            assertEquals(Integer.valueOf(2), closed.getMaxItems());
            assertError("reading a whitelist node created by publish-options", Condition.not_allowed, "closed-node",
                    () -> pubsub(bob).getLeafNode("/created/closed").getItems());
        }
    }

    private static String option(String var, String value) {
        return "<field var='" + var + "'><value>" + value + "</value></field>";
    }

    private static String publish(String node, String id, String options) {
        return "<pubsub xmlns='" + NS + "'><publish node='" + node + "'><item id='" + id + "'><entry xmlns='urn:example:news'/>"
                + "</item></publish><publish-options><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + NS + "#publish-options</value></field>" + options
                + "</x></publish-options></pubsub>";
    }

    private static void assertRawError(Element answer, String condition, String specific) {
        assertEquals(Xml.toString(answer), "error", Xml.attribute(answer, "type"));
        Element error = Xml.child(answer, "error");
        assertNotNull(Xml.toString(answer), Xml.child(error, condition));
        if (specific != null) {
            Element pubsubError = Xml.child(error, specific);
            assertNotNull(Xml.toString(answer), pubsubError);
            assertEquals(PubSubAsserts.ERRORS, Xml.namespace(pubsubError));
        }
    }
}
