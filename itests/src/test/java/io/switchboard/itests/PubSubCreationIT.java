package io.switchboard.itests;

import static io.switchboard.itests.PubSubAsserts.assertError;
import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import javax.inject.Inject;

import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
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

/** How nodes come to be at {@code pubsub.<domain>}, as standard clients make them: instant nodes (XEP-0060 8.1.2). */
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
}
