package io.switchboard.presence.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.dom4j.Element;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.testing.FakeSessionRegistry;
import io.switchboard.testing.RecordingRouter;
import io.switchboard.testing.RecordingSession;

public class PresenceHandlerTest {

    private static final String CAPS = "http://jabber.org/protocol/caps";

    private final FakeSessionRegistry registry = new FakeSessionRegistry();
    private final PresenceHandler handler = new PresenceHandler(registry, new RecordingRouter("example.com"));

    private RecordingSession desktop;   // the sender, not yet available
    private RecordingSession phone;     // available
    private RecordingSession tablet;    // bound, but has not sent initial presence
    private RecordingSession bob;       // another user

    @Before
    public void setUp() {
        desktop = registry.add(new RecordingSession("alice@example.com/desktop"));
        phone = registry.add(new RecordingSession("alice@example.com/phone").available());
        tablet = registry.add(new RecordingSession("alice@example.com/tablet"));
        bob = registry.add(new RecordingSession("bob@example.com/desktop").available());
    }

    @After
    public void presenceNeverClosesASession() {
        for (RecordingSession session : List.of(desktop, phone, tablet, bob)) {
            assertTrue(session + " was closed", session.closedWith.isEmpty());
        }
    }

    @Test
    public void initialPresenceIsStoredOnTheSessionWithItsCaps() throws StanzaErrorException {
        Presence initial = presenceFrom(desktop);
        initial.setStatus("At my desk");
        Element caps = initial.addChildElement("c", CAPS);
        caps.addAttribute("hash", "sha-1").addAttribute("node", "https://finesse.example").addAttribute("ver", "abc=");

        handler.handle(initial);

        Presence stored = desktop.presence();
        assertNotNull(stored);
        assertTrue(desktop.isAvailable());
        assertEquals("At my desk", stored.getStatus());
        Element storedCaps = stored.getChildElement("c", CAPS);
        assertNotNull("caps kept with the presence", storedCaps);
        assertEquals("abc=", storedCaps.attributeValue("ver"));
    }

    @Test
    public void initialPresenceGoesToEveryAvailableResourceIncludingTheSender() throws StanzaErrorException {
        handler.handle(presenceFrom(desktop));

        assertDeliveredFrom(desktop, desktop, null);
        assertDeliveredFrom(phone, desktop, null);
        assertTrue("not available yet, so it gets no presence", tablet.delivered.isEmpty());
        assertTrue("another user's session", bob.delivered.isEmpty());
    }

    @Test
    public void broadcastCopiesCarryTheCapsAndAreAddressedToEachResource() throws StanzaErrorException {
        Presence initial = presenceFrom(desktop);
        initial.addChildElement("c", CAPS).addAttribute("ver", "abc=");

        handler.handle(initial);

        Presence toPhone = (Presence) phone.delivered.get(0);
        assertEquals(phone.address(), toPhone.getTo());
        assertNotNull(toPhone.getChildElement("c", CAPS));
        assertNull("the stored presence is not the one addressed to a resource", desktop.presence().getTo());
    }

    @Test
    public void unavailablePresenceIsBroadcastAndRecorded() throws StanzaErrorException {
        desktop.available();
        Presence unavailable = presenceFrom(desktop);
        unavailable.setType(Presence.Type.unavailable);

        handler.handle(unavailable);

        assertFalse(desktop.isAvailable());
        assertDeliveredFrom(desktop, desktop, Presence.Type.unavailable);
        assertDeliveredFrom(phone, desktop, Presence.Type.unavailable);
        assertTrue(tablet.delivered.isEmpty());
        assertTrue(bob.delivered.isEmpty());
    }

    @Test
    public void sessionEndingWhileAvailableBroadcastsUnavailableToTheOthers() throws StanzaErrorException {
        desktop.available();
        registry.remove(desktop); // the core unbinds before telling listeners

        handler.sessionEnded(desktop);

        assertDeliveredFrom(phone, desktop, Presence.Type.unavailable);
        assertTrue("the ended session gets nothing", desktop.delivered.isEmpty());
        assertTrue(tablet.delivered.isEmpty());
        assertTrue(bob.delivered.isEmpty());
        assertFalse(desktop.isAvailable());
    }

    @Test
    public void sessionEndingBeforeInitialPresenceBroadcastsNothing() throws StanzaErrorException {
        registry.remove(tablet);

        handler.sessionEnded(tablet);

        assertTrue(phone.delivered.isEmpty());
        assertTrue(desktop.delivered.isEmpty());
    }

    @Test
    public void presenceWithATargetIsIgnored() throws StanzaErrorException {
        Presence directed = presenceFrom(desktop);
        directed.setTo(new JID("example.com"));

        handler.handle(directed);

        assertNull(desktop.presence());
        assertNothingDelivered();
    }

    @Test
    public void subscriptionPresenceWithoutATargetIsIgnored() throws StanzaErrorException {
        Presence subscribe = presenceFrom(desktop);
        subscribe.setType(Presence.Type.subscribe);

        handler.handle(subscribe);

        assertNull(desktop.presence());
        assertNothingDelivered();
    }

    @Test
    public void presenceFromAnUnboundAddressIsIgnored() throws StanzaErrorException {
        Presence stray = new Presence();
        stray.setFrom(new JID("alice@example.com/gone"));

        handler.handle(stray);

        assertNothingDelivered();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Presence presenceFrom(RecordingSession session) {
        Presence presence = new Presence();
        presence.setFrom(session.address());
        return presence;
    }

    private static void assertDeliveredFrom(RecordingSession recipient, RecordingSession sender, Presence.Type type) {
        List<Packet> delivered = recipient.delivered;
        assertEquals(recipient + " got " + delivered, 1, delivered.size());
        Presence presence = (Presence) delivered.get(0);
        assertEquals(sender.address(), presence.getFrom());
        assertEquals(recipient.address(), presence.getTo());
        assertSame(type, presence.getType());
    }

    private void assertNothingDelivered() {
        for (RecordingSession session : List.of(desktop, phone, tablet, bob)) {
            assertTrue(session + " got " + session.delivered, session.delivered.isEmpty());
        }
    }
}
