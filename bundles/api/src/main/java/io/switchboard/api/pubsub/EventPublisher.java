package io.switchboard.api.pubsub;

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
}
