package io.switchboard.presence.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.RosterItem.Subscription;
import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.testing.Configurations;
import io.switchboard.testing.FakeSessionRegistry;
import io.switchboard.testing.RecordingSession;

/** RFC 6121 sections 3 and 4 between users of one server: the handshake, broadcast to contacts, probes, directed presence. */
public class SubscriptionHandshakeTest {

    private static final JID ALICE = new JID("alice@example.com");
    private static final JID BOB = new JID("bob@example.com");

    private final FakeSessionRegistry sessions = new FakeSessionRegistry();
    private final MemoryRosterStore store = new MemoryRosterStore();
    private final RosterBook rosters = store.book(sessions, Configurations.of(RosterConfiguration.class));
    private final LoopbackRouter router = new LoopbackRouter();
    private final PresenceHandler presence = new PresenceHandler(sessions, router);
    private final RosterHandler rosterHandler = new RosterHandler(router, rosters);

    private RecordingSession alice;
    private RecordingSession bob;

    /** Hands presence to the handler, as the core does for presence addressed to users. */
    private final class LoopbackRouter implements Router {
        final List<Packet> other = new ArrayList<>();

        @Override
        public String domain() {
            return "example.com";
        }

        @Override
        public void route(Packet packet) {
            if (packet instanceof Presence) {
                try {
                    presence.handle(packet);
                } catch (StanzaErrorException e) {
                    throw new AssertionError(e);
                }
            } else {
                other.add(packet);
            }
        }

        @Override
        public CompletableFuture<IQ> query(IQ request) {
            throw new UnsupportedOperationException();
        }
    }

    @Before
    public void setUp() throws StanzaErrorException {
        presence.setRosters(rosters);
        alice = online("alice@example.com/desktop");
        bob = online("bob@example.com/desktop");
        received(alice);
        received(bob);
    }

    @Test
    public void aMutualSubscriptionMakesEachSeeTheOther() throws StanzaErrorException {
        subscribeAndApprove(alice, bob);
        assertEquals(Subscription.TO, item(ALICE, BOB).subscription());
        assertEquals(Subscription.FROM, item(BOB, ALICE).subscription());
        assertEquals("approved: alice gets bob's subscribed, then bob's presence",
                List.of("subscribed from bob@example.com", "available from bob@example.com/desktop"), received(alice));

        subscribeAndApprove(bob, alice);
        assertEquals(Subscription.BOTH, item(ALICE, BOB).subscription());
        assertEquals(Subscription.BOTH, item(BOB, ALICE).subscription());

        // alice's second resource comes online: bob sees it, and it gets bob's presence at once (the probe)
        received(bob);
        RecordingSession phone = online("alice@example.com/phone");
        assertEquals(List.of("available from alice@example.com/phone"), received(bob));
        assertTrue(received(phone).contains("available from bob@example.com/desktop"));

        // the phone's connection dies: bob sees it go
        sessions.remove(phone);
        presence.sessionEnded(phone);
        assertEquals(List.of("unavailable from alice@example.com/phone"), received(bob));
    }

    @Test
    public void aRequestToAUserWhoIsOfflineWaitsForTheirNextInitialPresence() throws StanzaErrorException {
        sessions.remove(bob);
        presence.sessionEnded(bob);

        send(alice, Presence.Type.subscribe, BOB);
        assertEquals(Set.of(ALICE), store.pending.get(BOB));

        RecordingSession bobAgain = online("bob@example.com/laptop");
        assertTrue(received(bobAgain).contains("subscribe from alice@example.com"));

        send(bobAgain, Presence.Type.unsubscribed, ALICE); // denied
        assertEquals(Set.of(), store.pending.get(BOB));
        assertEquals(new RosterItem(BOB, null, Subscription.NONE, false, Set.of()), item(ALICE, BOB));
        assertTrue(received(alice).contains("unsubscribed from bob@example.com"));
    }

    @Test
    public void anApprovalWithoutARequestIsIgnored() throws StanzaErrorException {
        send(bob, Presence.Type.subscribed, ALICE);

        assertTrue(store.items.isEmpty());
        assertEquals(List.of(), received(alice));
    }

    @Test
    public void aRequestFromSomeoneAlreadyApprovedIsAnsweredByTheServer() throws StanzaErrorException {
        subscribeAndApprove(alice, bob);
        send(alice, Presence.Type.unsubscribe, BOB);
        assertEquals(Subscription.NONE, item(ALICE, BOB).subscription());
        assertEquals("alice no longer sees bob", Subscription.NONE, item(BOB, ALICE).subscription());
        assertTrue(received(alice).contains("unavailable from bob@example.com/desktop"));

        store.saveItem(BOB, new RosterItem(ALICE, null, Subscription.FROM, false, Set.of()), 99); // approved by hand
        RosterBook fresh = store.book(sessions, Configurations.of(RosterConfiguration.class));
        presence.setRosters(fresh);
        received(bob);
        send(alice, Presence.Type.subscribe, BOB);
        assertTrue(received(alice).contains("subscribed from bob@example.com"));
        assertEquals("bob is not asked again", List.of(), received(bob));
    }

    @Test
    public void removingAContactEndsBothSubscriptions() throws StanzaErrorException {
        subscribeAndApprove(alice, bob);
        subscribeAndApprove(bob, alice);
        received(bob);

        IQ remove = new IQ(IQ.Type.set, "remove-1");
        remove.setFrom(alice.address());
        remove.setChildElement("query", "jabber:iq:roster").addElement("item").addAttribute("jid", "bob@example.com")
                .addAttribute("subscription", "remove");
        rosterHandler.handle(remove);

        assertTrue(store.items.get(ALICE).isEmpty());
        assertEquals(Subscription.NONE, item(BOB, ALICE).subscription());
        List<String> bobGot = received(bob);
        assertTrue(bobGot.toString(), bobGot.containsAll(List.of("unsubscribed from alice@example.com",
                "unsubscribe from alice@example.com", "unavailable from alice@example.com/desktop")));
    }

    @Test
    public void directedPresenceReachesItsRecipientWhoHearsWhenTheSenderGoes() throws StanzaErrorException {
        Presence directed = new Presence();
        directed.setFrom(alice.address());
        directed.setTo(BOB);
        presence.handle(directed);
        assertEquals(List.of("available from alice@example.com/desktop"), received(bob));

        sessions.remove(alice);
        presence.sessionEnded(alice);
        assertEquals(List.of("unavailable from alice@example.com/desktop"), received(bob));
    }

    @Test
    public void withoutASubscriptionBroadcastPresenceStaysWithTheUser() throws StanzaErrorException {
        Presence away = new Presence();
        away.setFrom(alice.address());
        away.setShow(Presence.Show.away);
        presence.handle(away);

        assertEquals(List.of(), received(bob));
    }

    @Test
    public void aRequestToNobodyIsRefusedAtOnce() throws StanzaErrorException {
        presence.setUsers(new AuthProvider() {
            @Override
            public boolean authenticate(String username, String password) {
                return false;
            }

            @Override
            public boolean exists(String username) {
                return !username.equals("nobody");
            }
        });
        send(alice, Presence.Type.subscribe, new JID("nobody@example.com"));

        assertEquals(List.of("unsubscribed from nobody@example.com"), received(alice));
        assertTrue(store.pending.isEmpty());
    }

    @Test
    public void anUnknownTypeIsABadRequest() {
        Presence odd = new Presence();
        odd.setFrom(alice.address());
        odd.getElement().addAttribute("type", "sideways");
        odd.setTo(BOB);

        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> presence.handle(odd));
        assertEquals(PacketError.Condition.bad_request, e.condition());
    }

    private void subscribeAndApprove(RecordingSession user, RecordingSession contact) throws StanzaErrorException {
        send(user, Presence.Type.subscribe, contact.address().asBareJID());
        assertTrue(received(contact).contains("subscribe from " + user.address().toBareJID()));
        send(contact, Presence.Type.subscribed, user.address().asBareJID());
    }

    private void send(RecordingSession from, Presence.Type type, JID to) throws StanzaErrorException {
        Presence stanza = new Presence(type);
        stanza.setFrom(from.address());
        stanza.setTo(to);
        presence.handle(stanza);
    }

    private RecordingSession online(String jid) throws StanzaErrorException {
        RecordingSession session = sessions.add(new RecordingSession(jid));
        Presence initial = new Presence();
        initial.setFrom(session.address());
        presence.handle(initial);
        return session;
    }

    private RosterItem item(JID owner, JID contact) {
        return store.items.get(owner).get(contact);
    }

    /** The presence stanzas the session received since the last call, as "type from sender". */
    private static List<String> received(RecordingSession session) {
        List<String> presences = session.delivered.stream().filter(Presence.class::isInstance)
                .map(packet -> {
                    String type = packet.getElement().attributeValue("type");
                    return (type == null ? "available" : type) + " from " + packet.getFrom();
                }).toList();
        session.delivered.clear();
        return presences;
    }
}
