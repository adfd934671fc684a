package io.switchboard.pubsub.impl;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.switchboard.api.pubsub.store.PubSubStore;

/**
 * The store, telling the other members of a cluster what each change did once it is durable, so
 * that they keep the same nodes, subscriptions and items in memory (see {@link ClusterChanges}).
 * A configuration or affiliation change makes them read the node again; a subscription and an item
 * travel whole, so that a login storm's subscriptions and a busy node's items cost the others no
 * reading of the store.
 */
final class RelayingStore implements PubSubStore {

    private final PubSubStore store;
    private final Consumer<String> relay;

    /** @param relay sends a change to the other members (does nothing on a single node) */
    RelayingStore(PubSubStore store, Consumer<String> relay) {
        this.store = store;
        this.relay = relay;
    }

    @Override
    public List<StoredNode> load() {
        return store.load();
    }

    @Override
    public Optional<StoredNode> load(String node) {
        return store.load(node);
    }

    @Override
    public void saveNode(StoredNode node) {
        store.saveNode(node);
        relay.accept(ClusterChanges.changed(node.name()));
    }

    @Override
    public void deleteNode(String node) {
        store.deleteNode(node);
        relay.accept(ClusterChanges.deleted(node));
    }

    @Override
    public void saveAffiliation(String node, String jid, String affiliation) {
        store.saveAffiliation(node, jid, affiliation);
        relay.accept(ClusterChanges.changed(node));
    }

    @Override
    public void saveSubscription(String node, StoredSubscription subscription) {
        store.saveSubscription(node, subscription);
        relay.accept(ClusterChanges.subscribed(node, subscription));
    }

    @Override
    public void deleteSubscription(String node, String jid) {
        store.deleteSubscription(node, jid);
        relay.accept(ClusterChanges.unsubscribed(node, jid));
    }

    @Override
    public void saveItem(String node, StoredItem item, int maxItems) {
        store.saveItem(node, item, maxItems);
        relay.accept(ClusterChanges.item(node, item));
    }

    @Override
    public void saveItems(List<NewItem> items) {
        store.saveItems(items);
        items.forEach(item -> relay.accept(ClusterChanges.item(item.node(), item.item())));
    }

    @Override
    public void deleteItem(String node, String itemId) {
        store.deleteItem(node, itemId);
        relay.accept(ClusterChanges.retracted(node, itemId));
    }

    @Override
    public void purge(String node) {
        store.purge(node);
        relay.accept(ClusterChanges.purged(node));
    }
}
