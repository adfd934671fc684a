package io.switchboard.api.pubsub.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

import io.switchboard.api.pubsub.StoreException;

/**
 * Where the publish-subscribe service keeps its nodes, subscriptions and items across restarts
 * and crashes. Each change returns once it is durable, before the service acknowledges it; one
 * that cannot be made durable throws {@link StoreException}, and the service then refuses the
 * request it came from. The service reads everything back once, when it starts (and, in a cluster, a
 * node again when another member changed it).
 */
@ConsumerType
public interface PubSubStore {

    /**
     * A node with its configuration, affiliations, subscriptions and items (newest first).
     *
     * @param configuration the XEP-0060 {@code pubsub#node_config} fields the node sets, by field
     *        name (e.g. {@code pubsub#max_items}), each with its values; a field that is absent
     *        has the service's default
     * @param affiliations bare JID to affiliation ({@code owner}, {@code publisher},
     *        {@code member}, {@code outcast}); a node of the server's own has none
     */
    record StoredNode(String name, Map<String, List<String>> configuration, Map<String, String> affiliations,
            List<StoredSubscription> subscriptions, List<StoredItem> items) {

        public StoredNode {
            configuration = Map.copyOf(configuration);
            affiliations = Map.copyOf(affiliations);
            subscriptions = List.copyOf(subscriptions);
            items = List.copyOf(items);
        }
    }

    /**
     * A subscription of a JID (full or bare).
     *
     * @param state {@code subscribed}, or {@code pending} while an owner has not approved it
     * @param options the {@code pubsub#subscribe_options} fields the subscriber set, by field name
     */
    record StoredSubscription(String jid, String subid, String state, Map<String, List<String>> options) {

        public StoredSubscription {
            options = Map.copyOf(options);
        }
    }

    /** A published item: its id and its payload as XML. */
    record StoredItem(String id, String payload) {
    }

    /** Every stored node, with its configuration, affiliations, subscriptions and items. */
    List<StoredNode> load();

    /**
     * One stored node, as {@link #load()} gives it: what a cluster member reads again when another
     * member changed the node. Stores should answer it without reading every node, as this default does.
     *
     * @since 1.1
     */
    default Optional<StoredNode> load(String node) {
        return load().stream().filter(stored -> stored.name().equals(node)).findFirst();
    }

    /**
     * Creates the node, or replaces its configuration and affiliations; its subscriptions and items
     * are kept (those of {@code node} are not read).
     */
    void saveNode(StoredNode node);

    /** Deletes the node with its subscriptions and items. */
    void deleteNode(String node);

    /** Sets a bare JID's affiliation with the node; {@code none} removes it. */
    void saveAffiliation(String node, String jid, String affiliation);

    /** Creates or replaces the JID's subscription (state and options included). */
    void saveSubscription(String node, StoredSubscription subscription);

    void deleteSubscription(String node, String jid);

    /** Stores the item as the node's newest (replacing one of the same id), keeping at most {@code maxItems}. */
    void saveItem(String node, StoredItem item, int maxItems);

    /** An item for {@link PubSubStore#saveItems(List)}: its node, the item, the node's {@code maxItems}. */
    record NewItem(String node, StoredItem item, int maxItems) {
    }

    /** Stores each item as {@link #saveItem} does, all in one transaction: every item or none. */
    void saveItems(List<NewItem> items);

    void deleteItem(String node, String itemId);

    /** Deletes every item of the node. */
    void purge(String node);
}
