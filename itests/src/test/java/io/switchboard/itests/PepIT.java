package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smackx.geoloc.GeoLocationManager;
import org.jivesoftware.smackx.geoloc.packet.GeoLocation;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.w3c.dom.Element;

/**
 * XEP-0163 with Smack's PepManager and GeoLocationManager as clients use them: alice publishes
 * her location to her own bare JID; bob, whom her roster lets see her presence, and whose caps ask
 * for {@code geoloc+notify}, is told, and so is each of his resources that comes online later;
 * carol, who asks too but is no contact, is not told and may not read. Publish-options set and
 * check a node's access model.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PepIT {

    private static final String NS = "http://jabber.org/protocol/pubsub";
    private static final String GEOLOC = GeoLocationManager.GEOLOCATION_NODE;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(PepIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "alice", "bob", "carol");
    }

    /** A desktop that asks for geoloc notifications (in its caps from its first presence) and keeps those it gets. */
    private static SmackDesktop listening(String user, String resource, List<String> heard) throws Exception {
        SmackDesktop desktop = SmackDesktop.over(SmackDesktop.Transport.WEBSOCKET, user, null, resource);
        GeoLocationManager.getInstanceFor(desktop.connection).addGeoLocationListener((from, location, id, message) ->
                heard.add(from + " " + location.getLocality()));
        Roster.getInstanceFor(desktop.connection).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
        return desktop.login();
    }

    private void awaitNotifyCaps(SmackDesktop desktop) {
        String jid = desktop.connection.getUser().toString();
        await("verified caps of " + jid).atMost(Duration.ofSeconds(30)).until(() -> Server.verifiedFeatures(context, jid)
                .map(features -> features.contains(GEOLOC + "+notify")).orElse(false));
    }

    private static ItemType type(Roster roster, BareJid contact) {
        return roster.getEntry(contact) == null ? null : roster.getEntry(contact).getType();
    }

    private static GeoLocation in(String locality) {
        return GeoLocation.builder().setLocality(locality).build();
    }

    @Test
    public void aContactIsToldAStrangerIsNotAndAResourceThatComesLaterGetsTheLastItem() throws Exception {
        BareJid aliceJid = JidCreate.bareFrom("alice@" + DOMAIN);
        BareJid bobJid = JidCreate.bareFrom("bob@" + DOMAIN);
        List<String> bobHeard = new CopyOnWriteArrayList<>();
        List<String> carolHeard = new CopyOnWriteArrayList<>();
        List<String> tabletHeard = new CopyOnWriteArrayList<>();
        try (SmackDesktop alice = listening("alice", "desktop", new CopyOnWriteArrayList<>());
                SmackDesktop bob = listening("bob", "desktop", bobHeard);
                SmackDesktop carol = listening("carol", "desktop", carolHeard)) {
            Roster aliceRoster = Roster.getInstanceFor(alice.connection);
            Roster bobRoster = Roster.getInstanceFor(bob.connection);
            aliceRoster.createItemAndRequestSubscription(bobJid, "Bob", null);
            bobRoster.createItemAndRequestSubscription(aliceJid, "Alice", null);
            await("a mutual subscription").atMost(Duration.ofSeconds(20)).until(() -> type(aliceRoster, bobJid) == ItemType.both
                    && type(bobRoster, aliceJid) == ItemType.both);
            assertTrue("the PEP identity on alice's own bare JID", PepManager.getInstanceFor(alice.connection).isSupported());
            awaitNotifyCaps(bob);
            awaitNotifyCaps(carol);

            GeoLocationManager.getInstanceFor(alice.connection).publishGeoLocation(in("Venice"));

            await("bob told").atMost(Duration.ofSeconds(20)).until(() -> bobHeard.contains(aliceJid + " Venice"));
            // alice's next answer comes after every notification of her publish was handed over; carol's
            // pong then comes after any notification to her
            PubSubManager bobsView = PubSubManager.getInstanceFor(bob.connection, aliceJid);
            assertEquals(1, bobsView.getLeafNode(GEOLOC).getItems().size());
            assertTrue(PepManager.getInstanceFor(alice.connection).isSupported());
            assertTrue(carol.pingServer());
            assertTrue("carol is no contact: " + carolHeard, carolHeard.isEmpty());

            try (RawXmppClient raw = RawXmppClient.connect()) {
                raw.login("carol", "raw");
                raw.send("<iq xmlns='jabber:client' type='get' id='carol1' to='" + aliceJid + "'><pubsub xmlns='" + NS + "'>"
                        + "<items node='" + GEOLOC + "'/></pubsub></iq>");
                Element refused = raw.nextIgnoringEvents();
                assertEquals(Xml.toString(refused), "error", Xml.attribute(refused, "type"));
                assertNotNull(Xml.toString(refused), Xml.child(Xml.child(refused, "error"), "presence-subscription-required"));
            }

            try (SmackDesktop tablet = listening("bob", "tablet", tabletHeard)) {
                await("the last item for bob's new resource").atMost(Duration.ofSeconds(20))
                        .until(() -> tabletHeard.contains(aliceJid + " Venice"));
            }
        }
    }

    @Test
    public void publishOptionsSetTheAccessModelAndThenMustMatchIt() throws Exception {
        String mood = "urn:example:mood";
        try (SmackDesktop bob = listening("bob", "desktop", new CopyOnWriteArrayList<>());
                RawXmppClient alice = RawXmppClient.connect()) {
            alice.login("alice", "raw");
            Element created = alice.set("alice@" + DOMAIN, publish(mood, "m1", "whitelist"));
            assertEquals(Xml.toString(created), "result", Xml.attribute(created, "type"));

            Element conflict = alice.set("alice@" + DOMAIN, publish(mood, "m2", "presence"));
            assertEquals(Xml.toString(conflict), "error", Xml.attribute(conflict, "type"));
            Element error = Xml.child(conflict, "error");
            assertNotNull(Xml.toString(conflict), Xml.child(error, "conflict"));
            assertNotNull(Xml.toString(conflict), Xml.child(error, "precondition-not-met"));
            Element again = alice.set("alice@" + DOMAIN, publish(mood, "m2", "whitelist"));
            assertEquals(Xml.toString(again), "result", Xml.attribute(again, "type"));

            PubSubManager bobsView = PubSubManager.getInstanceFor(bob.connection, JidCreate.bareFrom("alice@" + DOMAIN));
            PubSubAsserts.assertError("bob reading a whitelist node", org.jivesoftware.smack.packet.StanzaError.Condition.item_not_found,
                    null, () -> bobsView.getLeafNode(mood));
        }
    }

    private static String publish(String node, String id, String accessModel) {
        return "<pubsub xmlns='" + NS + "'><publish node='" + node + "'><item id='" + id + "'><mood xmlns='" + node + "'/></item>"
                + "</publish><publish-options><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + NS + "#publish-options</value></field>"
                + "<field var='pubsub#access_model'><value>" + accessModel + "</value></field></x></publish-options></pubsub>";
    }
}
