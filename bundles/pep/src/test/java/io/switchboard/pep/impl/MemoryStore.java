package io.switchboard.pep.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.api.pubsub.store.PubSubStore;

/** A PubSubStore in memory that keeps what PEP writes: nodes with their configuration and items. */
final class MemoryStore implements PubSubStore {

    private final Map<String, StoredNode> nodes = new LinkedHashMap<>();
    private final Map<String, List<StoredItem>> items = new LinkedHashMap<>();

    @Override
    public synchronized List<StoredNode> load() {
        return nodes.values().stream().map(node -> new StoredNode(node.name(), node.configuration(), node.affiliations(),
                List.of(), items.getOrDefault(node.name(), List.of()))).toList();
    }

    @Override
    public synchronized void saveNode(StoredNode node) {
        nodes.put(node.name(), node);
        items.putIfAbsent(node.name(), new ArrayList<>());
    }

    @Override
    public synchronized void deleteNode(String node) {
        nodes.remove(node);
        items.remove(node);
    }

    @Override
    public void saveAffiliation(String node, String jid, String affiliation) {
        throw new UnsupportedOperationException("PEP keeps no affiliations but the owner's");
    }

    @Override
    public void saveSubscription(String node, StoredSubscription subscription) {
        throw new UnsupportedOperationException("PEP keeps no subscriptions");
    }

    @Override
    public void deleteSubscription(String node, String jid) {
        throw new UnsupportedOperationException("PEP keeps no subscriptions");
    }

    @Override
    public synchronized void saveItem(String node, StoredItem item, int maxItems) {
        List<StoredItem> list = items.get(node);
        list.removeIf(existing -> existing.id().equals(item.id()));
        list.add(0, item);
        while (list.size() > maxItems) {
            list.remove(list.size() - 1);
        }
    }

    @Override
    public void saveItems(List<NewItem> newItems) {
        newItems.forEach(item -> saveItem(item.node(), item.item(), item.maxItems()));
    }

    @Override
    public synchronized void deleteItem(String node, String itemId) {
        items.get(node).removeIf(item -> item.id().equals(itemId));
    }

    @Override
    public synchronized void purge(String node) {
        items.get(node).clear();
    }
}
