package io.switchboard.pubsub.impl;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.pubsub.access.AccessDecision;
import io.switchboard.api.pubsub.access.NodeAccessPolicy;
import io.switchboard.api.pubsub.PublisherGrant;
import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.Rosters;

/**
 * Who may do what with a node: the access policy (the Finesse model) first, then the node's
 * affiliations and its XEP-0060 access model. The policy, the rosters and the grants are services
 * that come and go: each check asks for the current ones.
 */
final class NodeAccess {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAccess.class);

    private final Supplier<NodeAccessPolicy> policy;
    private final Supplier<Rosters> rosters;
    private final Collection<PublisherGrant> grants;

    /**
     * @param policy the highest-ranked access policy now; none means nobody may read or create
     * @param rosters the owners' rosters, for the presence and roster access models; without them both deny
     * @param grants who besides a node's owners and publishers may publish to it (external event sources)
     */
    NodeAccess(Supplier<NodeAccessPolicy> policy, Supplier<Rosters> rosters, Collection<PublisherGrant> grants) {
        this.policy = policy;
        this.rosters = rosters;
        this.grants = grants;
    }

    /**
     * Whether the requester may subscribe to the node ({@code subscribing}) or read its items: an
     * outcast never (forbidden); then the access policy must allow it; then owners and publishers
     * may, and everyone else as the node's access model says (XEP-0060 6.1.3, 6.5.9). On an
     * authorize node anyone may ask to subscribe, and only approved subscribers read.
     */
    void checkRead(JID requester, LeafNode node, boolean subscribing) throws StanzaErrorException {
        LeafNode.Affiliation affiliation = node.affiliation(requester);
        if (affiliation == LeafNode.Affiliation.OUTCAST) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "blocked from this node");
        }
        AccessDecision decision = decide(current -> current.subscribe(requester, node.name()));
        if (!decision.isAllowed()) {
            LOG.info("{} may not read {}: {}", requester, node.name(), decision.reason());
            throw new StanzaErrorException(decision.condition(), decision.reason());
        }
        if (affiliation == LeafNode.Affiliation.OWNER || affiliation == LeafNode.Affiliation.PUBLISHER) {
            return;
        }
        switch (node.config().accessModel()) {
            case OPEN -> { }
            case PRESENCE -> {
                if (!inOwnersRoster(requester, node, item -> item.subscription().contactSeesUser())) {
                    throw PubSubErrors.of(PacketError.Condition.not_authorized, "presence-subscription-required",
                            "only those subscribed to an owner's presence");
                }
            }
            case ROSTER -> {
                Set<String> allowed = node.config().rosterGroupsAllowed();
                if (!inOwnersRoster(requester, node, item -> item.groups().stream().anyMatch(allowed::contains))) {
                    throw PubSubErrors.of(PacketError.Condition.not_authorized, "not-in-roster-group",
                            "only contacts in an allowed roster group of an owner");
                }
            }
            case WHITELIST -> {
                if (affiliation != LeafNode.Affiliation.MEMBER) {
                    throw PubSubErrors.of(PacketError.Condition.not_allowed, "closed-node", "only the node's members");
                }
            }
            case AUTHORIZE -> {
                if (!subscribing && !approvedSubscriber(requester, node)) {
                    throw PubSubErrors.of(PacketError.Condition.not_authorized, "not-subscribed",
                            "only subscribers the owner approved");
                }
            }
            default -> throw new IllegalStateException("unknown access model " + node.config().accessModel());
        }
    }

    /** Whether the access policy lets the requester create a node of that name. */
    void checkCreate(JID requester, String name) throws StanzaErrorException {
        AccessDecision decision = decide(current -> current.create(requester, name));
        if (!decision.isAllowed()) {
            throw new StanzaErrorException(decision.condition(), decision.reason());
        }
    }

    /** The node, when the requester owns it; forbidden otherwise (XEP-0060 7.1.3.1, 8.x). */
    LeafNode owned(LeafNode node, JID requester) throws StanzaErrorException {
        if (!node.isOwner(requester)) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "only the node's owner may do this");
        }
        return node;
    }

    /** The node, when the sender owns it, is one of its publishers or a {@link PublisherGrant} lets it publish there. */
    LeafNode publishable(LeafNode node, JID requester) throws StanzaErrorException {
        LeafNode.Affiliation affiliation = node.affiliation(requester);
        boolean allowed = affiliation == LeafNode.Affiliation.OWNER || affiliation == LeafNode.Affiliation.PUBLISHER
                || (affiliation != LeafNode.Affiliation.OUTCAST
                        && grants.stream().anyMatch(grant -> grant.mayPublish(requester, node.name())));
        if (!allowed) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "only the node's owners and publishers may do this");
        }
        return node;
    }

    private AccessDecision decide(Function<NodeAccessPolicy, AccessDecision> question) {
        NodeAccessPolicy current = policy.get();
        return current == null
                ? AccessDecision.denied(PacketError.Condition.forbidden, "no access policy is installed")
                : question.apply(current);
    }

    /** True when some owner's roster has the requester as a contact that passes the test. */
    private boolean inOwnersRoster(JID requester, LeafNode node, Predicate<RosterItem> test) {
        Rosters current = rosters.get();
        if (current == null) {
            LOG.warn("No roster service: {} cannot be checked against the rosters of the owners of {}", requester, node.name());
            return false;
        }
        for (JID owner : node.owners()) {
            if (current.item(owner, requester.asBareJID()).filter(test).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean approvedSubscriber(JID requester, LeafNode node) {
        for (JID jid : List.of(requester, requester.asBareJID())) {
            LeafNode.Subscription subscription = node.subscription(jid);
            if (subscription != null && !subscription.pending()) {
                return true;
            }
        }
        return false;
    }
}
