package io.switchboard.api.pubsub;

import org.osgi.annotation.versioning.ConsumerType;
import org.xmpp.packet.JID;

/**
 * Lets an entity that does not own a node publish to it over XMPP, for example an external
 * component feeding agent events. The publish-subscribe service allows a publish by a node's owner,
 * or by anyone that one of the registered grants allows.
 */
@ConsumerType
public interface PublisherGrant {

    /** Whether this entity may publish to (and retract from) this node. */
    boolean mayPublish(JID publisher, String node);
}
