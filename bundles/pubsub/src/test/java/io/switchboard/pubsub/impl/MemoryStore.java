package io.switchboard.pubsub.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.api.pubsub.store.PubSubStore;
import io.switchboard.api.pubsub.StoreException;

/** A store in memory, for the service's unit tests: it keeps what a real one would, and can be made to fail. */
final class MemoryStore implements PubSubStore {

    private final Map<String, StoredNode> nodes = new LinkedHashMap<>();
    private final Map<String, Map<String, StoredSubscription>> subscriptions = new LinkedHashMap<>();
    private final Map<String, List<StoredItem>> items = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> affiliations = new LinkedHashMap<>();
    boolean failing;

    @Override
    public synchronized List<StoredNode> load() {
        return nodes.values().stream().map(node -> new StoredNode(node.name(), node.configuration(), affiliations.get(node.name()),
                List.copyOf(subscriptions.get(node.name()).values()), List.copyOf(items.get(node.name())))).toList();
    }

    @Override
    public synchronized void saveNode(StoredNode node) {
        check();
        nodes.put(node.name(), node);
        affiliations.put(node.name(), new LinkedHashMap<>(node.affiliations()));
        subscriptions.putIfAbsent(node.name(), new LinkedHashMap<>());
        items.putIfAbsent(node.name(), new ArrayList<>());
    }

    @Override
    public synchronized void deleteNode(String node) {
        check();
        nodes.remove(node);
        subscriptions.remove(node);
        items.remove(node);
        affiliations.remove(node);
    }

    @Override
    public synchronized void saveAffiliation(String node, String jid, String affiliation) {
        check();
        if ("none".equals(affiliation)) {
            affiliations.get(node).remove(jid);
        } else {
            affiliations.get(node).put(jid, affiliation);
        }
    }

    @Override
    public synchronized void saveSubscription(String node, StoredSubscription subscription) {
        check();
        subscriptions.get(node).put(subscription.jid(), subscription);
    }

    @Override
    public synchronized void deleteSubscription(String node, String jid) {
        check();
        subscriptions.get(node).remove(jid);
    }

    @Override
    public synchronized void saveItem(String node, StoredItem item, int maxItems) {
        check();
        List<StoredItem> kept = items.get(node);
        kept.removeIf(existing -> existing.id().equals(item.id()));
        kept.add(0, item);
        while (kept.size() > maxItems) {
            kept.remove(kept.size() - 1);
        }
    }

    /** All or none, as a database transaction: checked whole before the first is kept. */
    @Override
    public synchronized void saveItems(List<NewItem> newItems) {
        check();
        for (NewItem item : newItems) {
            if (!items.containsKey(item.node())) {
                throw new StoreException("no node " + item.node(), null);
            }
        }
        newItems.forEach(item -> saveItem(item.node(), item.item(), item.maxItems()));
    }

    @Override
    public synchronized void deleteItem(String node, String itemId) {
        check();
        items.get(node).removeIf(item -> item.id().equals(itemId));
    }

    @Override
    public synchronized void purge(String node) {
        check();
        items.get(node).clear();
    }

    private void check() {
        if (failing) {
            throw new StoreException("the test made the store fail", null);
        }
    }
}
