package io.switchboard.pubsub.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.xmpp.packet.JID;

import io.switchboard.api.pubsub.store.PubSubStore.StoredItem;
import io.switchboard.api.pubsub.store.PubSubStore.StoredSubscription;
import io.switchboard.testing.Configurations;

/** What another member relays is applied to this member's nodes as that member made it. */
public class ClusterChangesTest {

    private final MemoryStore store = new MemoryStore();
    private final Nodes here = new Nodes(store, Configurations.of(PubSubConfiguration.class));
    private final ClusterChanges changes = new ClusterChanges(here);

    @Test
    public void aSubscriptionTravelsWholeAndItsEndToo() {
        here.serverNode("/news");
        JID odd = new JID("bob@example.com/desk top & more=1");
        StoredSubscription subscription = new StoredSubscription(odd.toString(), "s1", "subscribed",
                Map.of(SubscribeOptions.DELIVER, List.of("false")));

        changes.apply(ClusterChanges.subscribed("/news", subscription), "B");
        assertEquals(LeafNode.Subscription.of(subscription), here.get("/news").subscription(odd));

        changes.apply(ClusterChanges.unsubscribed("/news", odd.toString()), "B");
        assertNull(here.get("/news").subscription(odd));
    }

    @Test
    public void anItemBecomesTheLastItemHereWithItsPayloadIntact() {
        here.serverNode("/news");
        changes.apply(ClusterChanges.item("/news", new StoredItem("i1", "<entry xmlns='urn:test'>first\nsecond</entry>")), "B");
        LeafNode.Item last = here.get("/news").latest(1).get(0);
        assertEquals("i1", last.id());
        assertEquals("first\nsecond", last.payload().getText());
    }

    @Test
    public void aNodeMadeElsewhereIsReadFromTheStore() {
        store.saveNode(new LeafNode("/made-on-B", null, here.defaults()).stored());
        changes.apply(ClusterChanges.changed("/made-on-B"), "B");
        assertEquals("/made-on-B", here.get("/made-on-B").name());
        changes.apply(ClusterChanges.deleted("/made-on-B"), "B");
        assertNull(here.get("/made-on-B"));
    }
}
