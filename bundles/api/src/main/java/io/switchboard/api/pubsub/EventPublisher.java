package io.switchboard.api.pubsub;

import java.util.List;

import org.dom4j.Element;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How event sources publish to the server's publish-subscribe service: every subscriber of the
 * node receives an XEP-0060 event notification carrying the payload.
 */
@ProviderType
public interface EventPublisher {

    /**
     * Creates the leaf node, with the service's configured default configuration, if it does not
     * exist yet; does nothing if it does. @throws StoreException if it could not be stored
     */
    void createNode(String node);

    /**
     * Publishes one item and notifies the node's subscribers. A node that does not exist yet is
     * created first, with the service's configured default configuration.
     *
     * @param payload the item's child element; the publisher may keep and copy it
     * @return the item id
     * @throws StoreException if the node or the item could not be stored; nobody was notified
     */
    String publish(String node, Element payload);

    /** One item of {@link #publish(List)}: its node and its payload, as for {@link #publish(String, Element)}. */
    record Publication(String node, Element payload) {
    }

    /**
     * Publishes several items at once, as one event of a source may need (an agent's node and its
     * team's): every item is stored, in one transaction of the store, before any subscriber is
     * notified; when storing fails, none is kept and nobody is notified. Missing nodes are created
     * first, as {@link #publish(String, Element)} does.
     *
     * @return the item ids, in the order of the publications
     * @throws StoreException if the nodes or the items could not be stored; no item was
     */
    List<String> publish(List<Publication> publications);
}
