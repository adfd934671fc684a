package io.switchboard.presence.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.RosterItem.Subscription;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.testing.Configurations;
import io.switchboard.testing.FakeSessionRegistry;
import io.switchboard.testing.RecordingRouter;
import io.switchboard.testing.RecordingSession;

public class RosterHandlerTest {

    private static final String NS = "jabber:iq:roster";
    private static final JID ALICE = new JID("alice@example.com");
    private static final JID BOB = new JID("bob@example.com");

    private final RecordingRouter router = new RecordingRouter("example.com");
    private final FakeSessionRegistry sessions = new FakeSessionRegistry();
    private final MemoryRosterStore store = new MemoryRosterStore();
    private final RosterBook rosters = store.book(sessions, Configurations.of(RosterConfiguration.class, "maxItems", 2));
    private final RosterHandler handler = new RosterHandler(router, rosters);
    private final RecordingSession desktop = sessions.add(new RecordingSession("alice@example.com/desktop").available());
    private final RecordingSession phone = sessions.add(new RecordingSession("alice@example.com/phone").available());

    @Test
    public void anEmptyRosterIsAnEmptyQuery() throws StanzaErrorException {
        handler.handle(roster(IQ.Type.get));

        IQ result = (IQ) router.takeRouted();
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("roster_1", result.getID());
        assertEquals(new JID("alice@example.com/desktop"), result.getTo());
        Element query = result.getChildElement();
        assertEquals(NS, query.getNamespaceURI());
        assertTrue("no contacts", query.content().isEmpty());
    }

    @Test
    public void aSetItemIsStoredAnsweredAndPushedToEveryResourceThatAskedForTheRoster() throws StanzaErrorException {
        handler.handle(roster(IQ.Type.get)); // the desktop is interested, the phone never asked
        router.routed.clear();

        handler.handle(set(item("bob@example.com").addAttribute("name", "Bob"), "Sales", "Friends"));

        assertEquals(IQ.Type.result, ((IQ) router.takeRouted()).getType());
        assertEquals(new RosterItem(BOB, "Bob", Subscription.NONE, false, Set.of("Sales", "Friends")),
                store.items.get(ALICE).get(BOB));
        IQ push = (IQ) desktop.lastDelivered();
        assertEquals(IQ.Type.set, push.getType());
        assertEquals(ALICE, push.getFrom());
        Element pushed = push.getChildElement().element("item");
        assertEquals("bob@example.com", pushed.attributeValue("jid"));
        assertEquals("Bob", pushed.attributeValue("name"));
        assertEquals("none", pushed.attributeValue("subscription"));
        assertEquals(List.of("Friends", "Sales"), pushed.elements("group").stream().map(Element::getText).toList());
        assertEquals("1", push.getChildElement().attributeValue("ver"));
        assertTrue("the phone did not ask for the roster", phone.delivered.isEmpty());
    }

    @Test
    public void aRosterGetReturnsTheItemsAndItsVersionAndNothingWhenTheClientIsCurrent() throws StanzaErrorException {
        handler.handle(set(item("bob@example.com")));
        router.routed.clear();

        IQ versioned = roster(IQ.Type.get);
        versioned.getChildElement().addAttribute("ver", "");
        handler.handle(versioned);
        Element query = ((IQ) router.takeRouted()).getChildElement();
        assertEquals("1", query.attributeValue("ver"));
        assertEquals("bob@example.com", query.element("item").attributeValue("jid"));

        IQ current = roster(IQ.Type.get);
        current.getChildElement().addAttribute("ver", "1");
        handler.handle(current);
        IQ result = (IQ) router.takeRouted();
        assertEquals(IQ.Type.result, result.getType());
        assertNull("nothing changed since version 1: an empty result", result.getChildElement());
    }

    @Test
    public void anUpdateKeepsTheSubscriptionTheClientCannotSet() throws StanzaErrorException {
        store.saveItem(ALICE, new RosterItem(BOB, null, Subscription.BOTH, false, Set.of()), 4);

        handler.handle(set(item("bob@example.com").addAttribute("name", "Robert")));

        assertEquals(new RosterItem(BOB, "Robert", Subscription.BOTH, false, Set.of()), store.items.get(ALICE).get(BOB));
        assertEquals(Long.valueOf(5), store.versions.get(ALICE));
    }

    @Test
    public void removeDeletesTheItemAndCancelsBothSubscriptions() throws StanzaErrorException {
        store.saveItem(ALICE, new RosterItem(BOB, null, Subscription.BOTH, false, Set.of()), 1);

        IQ remove = set(item("bob@example.com").addAttribute("subscription", "remove"));
        handler.handle(remove);

        assertTrue(store.items.get(ALICE).isEmpty());
        List<String> sent = router.routed.stream().map(packet -> packet.getElement().attributeValue("type") + " to "
                + packet.getElement().attributeValue("to")).toList();
        assertEquals(List.of("unsubscribed to bob@example.com", "unsubscribe to bob@example.com", "result to alice@example.com/desktop"), sent);
    }

    @Test
    public void removingAContactThatIsNotThereIsItemNotFound() {
        assertError(PacketError.Condition.item_not_found, set(item("bob@example.com").addAttribute("subscription", "remove")));
    }

    @Test
    public void twoItemsAreABadRequest() {
        IQ set = set(item("bob@example.com"));
        set.getChildElement().addElement("item").addAttribute("jid", "carol@example.com");
        assertError(PacketError.Condition.bad_request, set);
    }

    @Test
    public void aSubscriptionOtherThanRemoveIsABadRequest() {
        assertError(PacketError.Condition.bad_request, set(item("bob@example.com").addAttribute("subscription", "both")));
        assertError(PacketError.Condition.bad_request, set(item("bob@example.com").addAttribute("subscription", "from")));
    }

    @Test
    public void itemsWithoutAJidOrWithABadOneOrTheSameGroupTwiceAreRefused() {
        assertError(PacketError.Condition.bad_request, set(item(null)));
        assertError(PacketError.Condition.jid_malformed, set(item("bob@@example.com")));
        assertError(PacketError.Condition.bad_request, set(item("bob@example.com"), "Sales", "Sales"));
        assertError(PacketError.Condition.not_acceptable, set(item("bob@example.com"), ""));
    }

    @Test
    public void aRosterBeyondItsLimitIsAPolicyViolationAndUpdatesStillWork() throws StanzaErrorException {
        handler.handle(set(item("bob@example.com")));
        handler.handle(set(item("carol@example.com")));

        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> handler.handle(set(item("dave@example.com"))));
        Element condition = (Element) e.toPacketError().getElement().elements().get(0);
        assertEquals("policy-violation", condition.getName());
        assertEquals("modify", e.toPacketError().getElement().attributeValue("type"));
        assertEquals(2, store.items.get(ALICE).size());

        handler.handle(set(item("bob@example.com").addAttribute("name", "Bob"))); // not a new item
    }

    @Test
    public void aStoreFailureChangesNothingAndIsAnInternalServerError() throws StanzaErrorException {
        handler.handle(roster(IQ.Type.get)); // loaded while the store works
        store.failing = true;

        assertError(PacketError.Condition.internal_server_error, set(item("bob@example.com")));
        store.failing = false;
        assertTrue("nothing in memory that the store does not have", rosters.roster(ALICE).items().isEmpty());
    }

    @Test
    public void anotherUsersRosterIsForbidden() {
        IQ request = roster(IQ.Type.get);
        request.setTo(BOB);
        assertError(PacketError.Condition.forbidden, request);
    }

    private void assertError(PacketError.Condition condition, IQ request) {
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> handler.handle(request));
        assertEquals(e.getMessage(), condition, e.condition());
    }

    private static Element item(String jid) {
        Element item = org.dom4j.DocumentHelper.createElement(org.dom4j.QName.get("item", NS));
        if (jid != null) {
            item.addAttribute("jid", jid);
        }
        return item;
    }

    private static IQ set(Element item, String... groups) {
        IQ request = roster(IQ.Type.set);
        for (String group : groups) {
            item.addElement("group", NS).setText(group);
        }
        request.getChildElement().add(item);
        return request;
    }

    private static IQ roster(IQ.Type type) {
        IQ request = new IQ(type, "roster_1");
        request.setFrom(new JID("alice@example.com/desktop"));
        request.setChildElement("query", NS);
        return request;
    }
}
