package io.switchboard.api.pubsub;

import org.osgi.annotation.versioning.ProviderType;
import org.xmpp.packet.JID;

/**
 * Subscriptions the server makes itself, on its own authority rather than at a client's request,
 * as Finesse subscribes every agent to its own nodes when it logs in.
 */
@ProviderType
public interface ServerSubscriptions {

    /**
     * Subscribes an entity to a node without asking the access policy, creating the node as one
     * of the server's own if it does not exist; keeps a subscription the JID has already. It lasts
     * until it is removed, like any other.
     *
     * @param subscriber a bare JID (notifications go to every available resource, and a full-JID
     *        subscription of the same user is then not notified a second time) or a full JID
     * @return the subscription's id
     * @throws StoreException if the node or the subscription could not be stored
     */
    String subscribe(String node, JID subscriber);
}
