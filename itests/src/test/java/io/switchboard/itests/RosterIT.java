package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
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
 * Rosters and presence subscriptions (RFC 6121) between real clients: Smack's Roster on both
 * sides of a mutual subscription, and raw frames for a client that goes silent and for bad
 * roster requests. The server pings after 2 s of silence and gives up after one missed ping;
 * a roster holds at most 3 contacts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RosterIT {

    private static final Duration PING_WINDOW = Duration.ofSeconds(2 * (1 + 1) + 10); // idle, one missed ping, and slack

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(RosterIT.class, Map.of(
                "io.switchboard.presence.ping", List.of("idleSeconds = 2", "missedPings = 1"),
                "io.switchboard.roster", List.of("maxItems = 3")));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "alice", "bob", "carol", "dave", "erin", "frank", "gina");
    }

    @Test
    public void twoSmackClientsWithAMutualSubscriptionSeeEachOthersPresenceComeAndGo() throws Exception {
        BareJid alice = JidCreate.bareFrom("alice@" + DOMAIN);
        BareJid bob = JidCreate.bareFrom("bob@" + DOMAIN);
        try (SmackDesktop aliceDesktop = SmackDesktop.of("alice"); SmackDesktop bobDesktop = SmackDesktop.of("bob")) {
            Roster aliceRoster = acceptingAll(aliceDesktop);
            Roster bobRoster = acceptingAll(bobDesktop);
            aliceDesktop.login();
            bobDesktop.login();

            aliceRoster.createItemAndRequestSubscription(bob, "Bob", new String[] {"Team 1"});
            bobRoster.createItemAndRequestSubscription(alice, "Alice", null);
            await().atMost(Duration.ofSeconds(20)).until(() -> type(aliceRoster, bob) == ItemType.both && type(bobRoster, alice) == ItemType.both);
            RosterEntry entry = aliceRoster.getEntry(bob);
            assertEquals("Bob", entry.getName());
            assertEquals("Team 1", entry.getGroups().get(0).getName());

            await().atMost(Duration.ofSeconds(20)).until(() -> aliceRoster.getPresence(bob).isAvailable()
                    && bobRoster.getPresence(alice).isAvailable());

            aliceDesktop.connection.disconnect(); // a clean close
            await().atMost(Duration.ofSeconds(20)).until(() -> !bobRoster.getPresence(alice).isAvailable());
        }

        // the subscription was stored: on a new connection, each sees the other again
        try (SmackDesktop aliceAgain = SmackDesktop.of("alice"); SmackDesktop bobAgain = SmackDesktop.of("bob")) {
            Roster aliceRoster = Roster.getInstanceFor(aliceAgain.connection);
            Roster bobRoster = Roster.getInstanceFor(bobAgain.connection);
            bobAgain.login();
            aliceAgain.login();
            await().atMost(Duration.ofSeconds(20)).until(() -> type(aliceRoster, bob) == ItemType.both
                    && aliceRoster.getPresence(bob).isAvailable() && bobRoster.getPresence(alice).isAvailable());
        }
    }

    @Test
    public void aClientThatFallsSilentIsTimedOutAndItsContactSeesItGoWithinThePingWindow() throws Exception {
        BareJid carol = JidCreate.bareFrom("carol@" + DOMAIN);
        try (SmackDesktop dave = SmackDesktop.of("dave"); RawXmppClient silent = RawXmppClient.connect()) {
            Roster daveRoster = acceptingAll(dave);
            dave.login();
            silent.login("carol", "desktop");
            silent.send("<presence xmlns='jabber:client'/>");
            daveRoster.createItemAndRequestSubscription(carol, "Carol", null);
            Element request = silent.next("presence");
            while (!"subscribe".equals(Xml.attribute(request, "type"))) {
                request = silent.next("presence"); // carol's own presence, finesse@'s
            }
            assertEquals("dave@" + DOMAIN, Xml.attribute(request, "from"));
            silent.send("<presence xmlns='jabber:client' type='subscribed' to='dave@" + DOMAIN + "'/>");
            // approved: carol's presence now reaches dave
            await().atMost(Duration.ofSeconds(20)).until(() -> daveRoster.getPresence(carol).isAvailable());

            // carol's network dies: nothing more is read or answered, and the socket is not closed
            Presence last = daveRoster.getPresence(carol);
            assertTrue(last.isAvailable());
            await().atMost(PING_WINDOW).until(() -> !daveRoster.getPresence(carol).isAvailable());
            assertTrue("dave stays connected", dave.connection.isAuthenticated());
        }
    }

    @Test
    public void aPresenceToAMalformedJidIsJidMalformed() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.login("erin", "desktop");
            client.send("<presence xmlns='jabber:client' to='bad@@" + DOMAIN + "'/>");
            Element error = client.next("presence");
            assertEquals("error", Xml.attribute(error, "type"));
            assertNotNull(Xml.child(Xml.child(error, "error"), "jid-malformed"));
            client.ping("still-there");
        }
    }

    @Test
    public void badRosterSetsAreRefusedWithThePreciseErrorAndChangeNothing() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            String self = "erin@" + DOMAIN;
            client.login("erin", "roster");
            assertError("bad-request", client.set(self, "<query xmlns='jabber:iq:roster'><item jid='a@" + DOMAIN
                    + "'/><item jid='b@" + DOMAIN + "'/></query>"));
            assertError("bad-request", client.set(self, "<query xmlns='jabber:iq:roster'><item jid='a@" + DOMAIN
                    + "' subscription='both'/></query>"));
            assertError("jid-malformed", client.set(self, "<query xmlns='jabber:iq:roster'><item jid='a@@" + DOMAIN + "'/></query>"));
            assertError("item-not-found", client.set(self, "<query xmlns='jabber:iq:roster'><item jid='nobody@" + DOMAIN
                    + "' subscription='remove'/></query>"));
            for (String contact : List.of("c1", "c2", "c3")) {
                assertEquals("result", Xml.attribute(client.set(self, "<query xmlns='jabber:iq:roster'><item jid='" + contact + "@"
                        + DOMAIN + "'/></query>"), "type"));
            }
            assertError("policy-violation", client.set(self, "<query xmlns='jabber:iq:roster'><item jid='c4@" + DOMAIN + "'/></query>"));

            Element roster = client.get(self, "<query xmlns='jabber:iq:roster'/>");
            assertEquals(List.of("c1@" + DOMAIN, "c2@" + DOMAIN, "c3@" + DOMAIN),
                    Xml.children(Xml.child(roster, "query"), "item").stream().map(item -> Xml.attribute(item, "jid")).toList());
            client.ping("still-there");
        }
    }

    @Test
    public void aPresenceAccessNodeAdmitsWhoeverTheOwnersRosterLetsSeeThePresence() throws Exception {
        String pubsub = "pubsub." + DOMAIN;
        String node = "/roster-test/frank-status";
        try (RawXmppClient frank = RawXmppClient.connect(); RawXmppClient gina = RawXmppClient.connect()) {
            frank.login("frank", "desktop");
            String ginaJid = gina.login("gina", "desktop");
            frank.send("<presence xmlns='jabber:client'/>");
            gina.send("<presence xmlns='jabber:client'/>");
            assertEquals("result", Xml.attribute(frank.set(pubsub, "<pubsub xmlns='http://jabber.org/protocol/pubsub'><create node='"
                    + node + "'/><configure><x xmlns='jabber:x:data' type='submit'>"
                    + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#node_config</value></field>"
                    + "<field var='pubsub#access_model'><value>presence</value></field></x></configure></pubsub>"), "type"));
            String subscribe = "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='" + node + "' jid='" + ginaJid + "'/></pubsub>";

            Element refused = gina.set(pubsub, subscribe);
            assertError("not-authorized", refused);
            assertNotNull(Xml.child(Xml.child(refused, "error"), "presence-subscription-required"));

            // gina asks to see frank's presence, frank approves: frank's roster now lets gina see it
            gina.send("<presence xmlns='jabber:client' type='subscribe' to='frank@" + DOMAIN + "'/>");
            Element request = frank.next("presence");
            while (!"subscribe".equals(Xml.attribute(request, "type"))) {
                request = frank.next("presence");
            }
            frank.send("<presence xmlns='jabber:client' type='subscribed' to='gina@" + DOMAIN + "'/>");
            frank.ping("approved"); // handled before the ping's answer

            assertEquals("result", Xml.attribute(gina.set(pubsub, subscribe), "type"));
        }
    }

    private static void assertError(String condition, Element answer) {
        assertEquals(Xml.toString(answer), "error", Xml.attribute(answer, "type"));
        assertNotNull(Xml.toString(answer), Xml.child(Xml.child(answer, "error"), condition));
    }

    private static Roster acceptingAll(SmackDesktop desktop) {
        Roster roster = Roster.getInstanceFor(desktop.connection);
        roster.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
        return roster;
    }

    private static ItemType type(Roster roster, BareJid contact) {
        RosterEntry entry = roster.getEntry(contact);
        return entry == null ? null : entry.getType();
    }
}
