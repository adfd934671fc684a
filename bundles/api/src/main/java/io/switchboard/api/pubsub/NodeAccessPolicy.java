package io.switchboard.api.pubsub;

import org.osgi.annotation.versioning.ConsumerType;
import org.xmpp.packet.JID;

/**
 * Decides who may subscribe to a node and read its items. The publish-subscribe service asks the
 * highest-ranked policy registered; registering one with a higher {@code service.ranking}
 * replaces the default at the next request.
 */
@ConsumerType
public interface NodeAccessPolicy {

    /** Whether this user may subscribe to the node and retrieve its items. */
    AccessDecision subscribe(JID subscriber, String node);

    /** Whether this user may create a node of this name (and so own it). */
    default AccessDecision create(JID creator, String node) {
        return AccessDecision.allowed();
    }
}
