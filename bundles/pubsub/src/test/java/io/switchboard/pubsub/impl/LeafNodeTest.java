package io.switchboard.pubsub.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.JID;

public class LeafNodeTest {

    private final LeafNode node = new LeafNode("/finesse/api/User/agent1");

    @Test
    public void subscribingAgainReturnsTheExistingSubscription() {
        JID alice = new JID("alice@example.com");
        LeafNode.Subscription first = node.subscribe(alice, "s1");

        LeafNode.Subscription again = node.subscribe(alice, "s2");

        assertSame(first, again);
        assertEquals("s1", again.subid());
        assertEquals(1, node.subscriptions().size());
    }

    @Test
    public void aFullJidWhoseBareJidIsSubscribedIsNotNotifiedTwice() {
        node.subscribe(new JID("alice@example.com/desktop"), "s1");
        node.subscribe(new JID("bob@example.com/desktop"), "s2");
        assertEquals(2, node.recipients().size());

        node.subscribe(new JID("alice@example.com"), "s3");

        assertEquals(List.of(new JID("alice@example.com"), new JID("bob@example.com/desktop")),
                node.recipients().stream().sorted(java.util.Comparator.comparing(JID::toString)).toList());
    }

    @Test
    public void fullAndBareJidsAreSeparateSubscriptions() {
        node.subscribe(new JID("alice@example.com"), "s1");
        node.subscribe(new JID("alice@example.com/desktop"), "s2");

        assertEquals(2, node.subscriptions().size());
        assertTrue(node.unsubscribe(new JID("alice@example.com/desktop")));
        assertFalse(node.unsubscribe(new JID("alice@example.com/desktop")));
        assertEquals(1, node.subscriptions().size());
    }

    @Test
    public void latestIsNewestFirstAndAtMostMax() {
        node.add(item("a"));
        node.add(item("b"));
        node.add(item("c"));

        assertEquals(List.of("c", "b"), ids(node.latest(2)));
        assertEquals(List.of("c", "b", "a"), ids(node.latest(10)));
        assertEquals(List.of(), ids(node.latest(0)));
    }

    @Test
    public void anItemWithAnExistingIdReplacesIt() {
        node.add(item("a"));
        node.add(item("b"));
        node.add(item("a"));

        assertEquals(List.of("a", "b"), ids(node.latest(10)));
    }

    @Test
    public void onlyTheLatestTenItemsAreKept() {
        for (int i = 0; i < LeafNode.MAX_ITEMS + 5; i++) {
            node.add(item("i" + i));
        }

        List<String> kept = ids(node.latest(100));
        assertEquals(LeafNode.MAX_ITEMS, kept.size());
        assertEquals("i14", kept.get(0));
        assertEquals("i5", kept.get(LeafNode.MAX_ITEMS - 1));
    }

    private static LeafNode.Item item(String id) {
        Element payload = DocumentHelper.createElement("payload");
        payload.setText(id);
        return new LeafNode.Item(id, payload);
    }

    private static List<String> ids(List<LeafNode.Item> items) {
        return items.stream().map(LeafNode.Item::id).toList();
    }
}
