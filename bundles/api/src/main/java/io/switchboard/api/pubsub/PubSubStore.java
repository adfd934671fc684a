package io.switchboard.api.pubsub;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the publish-subscribe service keeps its nodes, subscriptions and items across restarts
 * and crashes. Each change returns once it is durable, before the service acknowledges it; one
 * that cannot be made durable throws {@link StoreException}, and the service then refuses the
 * request it came from. The service reads everything back once, when it starts.
 */
@ConsumerType
public interface PubSubStore {

    /** A node with its configuration, subscriptions and items (newest first). */
    record StoredNode(String name, String owner, int maxItems, boolean sendLastPublishedItem,
            List<StoredSubscription> subscriptions, List<StoredItem> items) {
    }

    /** A subscription of a JID (full or bare), with its subscription id. */
    record StoredSubscription(String jid, String subid) {
    }

    /** A published item: its id and its payload as XML. */
    record StoredItem(String id, String payload) {
    }

    /** Every stored node, with its subscriptions and items. */
    List<StoredNode> load();

    /** Creates the node, or replaces its configuration (owner, max items, send last item). */
    void saveNode(StoredNode node);

    /** Deletes the node with its subscriptions and items. */
    void deleteNode(String node);

    void saveSubscription(String node, StoredSubscription subscription);

    void deleteSubscription(String node, String jid);

    /** Stores the item as the node's newest (replacing one of the same id), keeping at most {@code maxItems}. */
    void saveItem(String node, StoredItem item, int maxItems);

    void deleteItem(String node, String itemId);

    /** Deletes every item of the node. */
    void purge(String node);
}
