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
}
