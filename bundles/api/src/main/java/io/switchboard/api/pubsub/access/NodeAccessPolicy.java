package io.switchboard.api.pubsub.access;

import org.osgi.annotation.versioning.ConsumerType;
import org.xmpp.packet.JID;

/**
 * Decides who may subscribe to a node and read its items. The publish-subscribe service asks the
 * highest-ranked policy registered; registering one with a higher {@code service.ranking}
 * replaces the default at the next request. What a policy allows is then subject to the node's own
 * XEP-0060 access model ({@code pubsub#access_model}: open, presence, roster, authorize,
 * whitelist); what it denies is denied whatever the node's model.
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
