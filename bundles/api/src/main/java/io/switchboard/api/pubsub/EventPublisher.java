package io.switchboard.api.pubsub;

import org.dom4j.Element;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How event sources publish to the server's publish-subscribe service: every subscriber of the
 * node receives an XEP-0060 event notification carrying the payload.
 */
@ProviderType
public interface EventPublisher {

    /** Creates the leaf node if it does not exist yet; does nothing if it does. @throws StoreException if it could not be stored */
    void createNode(String node);

    /**
     * Publishes one item to an existing node and notifies its subscribers.
     *
     * @param payload the item's child element; the publisher may keep and copy it
     * @return the item id
     * @throws IllegalArgumentException if the node does not exist
     * @throws StoreException if the item could not be stored; nobody was notified
     */
    String publish(String node, Element payload);
}
