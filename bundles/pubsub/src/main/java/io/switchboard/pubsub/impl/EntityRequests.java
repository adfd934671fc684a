package io.switchboard.pubsub.impl;

import java.util.ArrayList;
import java.util.List;

import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.pubsub.store.PubSubStore;

/**
 * What entities do (XEP-0060 sections 5 and 6): subscribe, unsubscribe, subscription options,
 * their subscriptions and affiliations, and retrieving items.
 */
final class EntityRequests {

    private static final Logger LOG = LoggerFactory.getLogger(EntityRequests.class);

    private final Nodes nodes;
    private final PubSubStore store;
    private final NodeAccess access;
    private final Notifications notifications;

    EntityRequests(Nodes nodes, NodeAccess access, Notifications notifications) {
        this.nodes = nodes;
        this.store = nodes.store();
        this.access = access;
        this.notifications = notifications;
    }

    IQ subscribe(IQ request, Element subscribe, Element options, List<Packet> then) throws StanzaErrorException {
        LeafNode node = nodes.named(subscribe);
        JID jid = Attributes.requestersOwn(subscribe, request);
        LeafNode.Subscription existing = node.subscription(jid);
        if (existing != null && existing.pending()) {
            throw PubSubErrors.of(PacketError.Condition.not_authorized, "pending-subscription",
                    "the node's owner has not yet approved the subscription"); // 6.1.3.7
        }
        access.checkRead(request.getFrom(), node, true);
        LeafNode.Subscription subscription = existing;
        if (subscription == null) {
            LeafNode.Affiliation affiliation = node.affiliation(jid);
            boolean pending = node.config().accessModel() == NodeConfig.AccessModel.AUTHORIZE
                    && affiliation != LeafNode.Affiliation.OWNER && affiliation != LeafNode.Affiliation.PUBLISHER;
            subscription = SubscribeOptions.read(new LeafNode.Subscription(jid, nodes.randomId(), pending, true), options);
            LeafNode.Subscription made = subscription;
            nodes.durably(() -> store.saveSubscription(node.name(), made.stored()));
            node.put(subscription);
            if (pending) {
                node.owners().forEach(owner -> then.add(notifications.authorizationRequest(node.name(), made, owner)));
            }
        } else if (options != null) {
            LeafNode.Subscription changed = SubscribeOptions.read(existing, options);
            nodes.durably(() -> store.saveSubscription(node.name(), changed.stored()));
            node.put(changed);
            subscription = changed;
        }
        LOG.debug("{} subscribed to {} ({})", jid, node.name(), subscription.state());
        if (!subscription.pending() && node.config().sendsLastOnSubscribe()) {
            boolean payloads = node.config().deliverPayloads();
            node.latest(1).forEach(last -> then.add(notifications.item(notifications.published(node.name(), last, payloads), jid)));
        }
        IQ result = IQ.createResultIQ(request);
        subscriptionElement(result.setChildElement("pubsub", Namespaces.PUBSUB), node, subscription);
        return result;
    }

    private static Element subscriptionElement(Element parent, LeafNode node, LeafNode.Subscription subscription) {
        return parent.addElement("subscription")
                .addAttribute("node", node.name())
                .addAttribute("jid", subscription.jid().toString())
                .addAttribute("subid", subscription.subid())
                .addAttribute("subscription", subscription.state());
    }

    IQ unsubscribe(IQ request, Element unsubscribe) throws StanzaErrorException {
        LeafNode node = nodes.named(unsubscribe);
        LeafNode.Subscription subscription = ownSubscription(node, unsubscribe, request);
        nodes.durably(() -> store.deleteSubscription(node.name(), subscription.jid().toString()));
        node.unsubscribe(subscription.jid());
        return IQ.createResultIQ(request);
    }

    /**
     * The requester's subscription that an unsubscribe or options request names (6.2.3, 6.3.4):
     * {@code forbidden} for someone else's JID, {@code unexpected-request} with {@code not-subscribed}
     * when there is none, {@code not-acceptable} with {@code invalid-subid} for another subid. One
     * subscription per JID, so a subid is never required.
     */
    private static LeafNode.Subscription ownSubscription(LeafNode node, Element action, IQ request) throws StanzaErrorException {
        JID jid = Attributes.jid(action.attributeValue("jid"));
        if (!jid.asBareJID().equals(request.getFrom().asBareJID())) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "only the subscriber may do this");
        }
        LeafNode.Subscription subscription = node.subscription(jid);
        if (subscription == null) {
            throw PubSubErrors.of(PacketError.Condition.unexpected_request, "not-subscribed");
        }
        String subid = action.attributeValue("subid");
        if (subid != null && !subid.equals(subscription.subid())) {
            throw PubSubErrors.of(PacketError.Condition.not_acceptable, "invalid-subid");
        }
        return subscription;
    }

    IQ options(IQ request, Element options) throws StanzaErrorException {
        LeafNode node = nodes.named(options);
        LeafNode.Subscription subscription = ownSubscription(node, options, request);
        IQ result = IQ.createResultIQ(request);
        Element answer = result.setChildElement("pubsub", Namespaces.PUBSUB).addElement("options")
                .addAttribute("node", node.name()).addAttribute("jid", subscription.jid().toString())
                .addAttribute("subid", subscription.subid());
        answer.add(SubscribeOptions.form(subscription));
        return result;
    }

    IQ setOptions(IQ request, Element options) throws StanzaErrorException {
        LeafNode node = nodes.named(options);
        LeafNode.Subscription subscription = ownSubscription(node, options, request);
        if (options.element(QName.get("x", NodeConfig.DATA_FORMS)) == null) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "invalid-options", "the options form is missing");
        }
        LeafNode.Subscription changed = SubscribeOptions.read(subscription, options);
        nodes.durably(() -> store.saveSubscription(node.name(), changed.stored()));
        node.put(changed);
        return IQ.createResultIQ(request);
    }

    IQ subscriptions(IQ request, String only) throws StanzaErrorException {
        if (only != null && !nodes.contains(only)) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found);
        }
        JID requester = request.getFrom().asBareJID();
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", Namespaces.PUBSUB).addElement("subscriptions");
        for (LeafNode node : nodes.sorted()) {
            if (only != null && !only.equals(node.name())) {
                continue;
            }
            for (LeafNode.Subscription subscription : node.subscriptions()) {
                if (subscription.jid().asBareJID().equals(requester)) {
                    subscriptionElement(list, node, subscription);
                }
            }
        }
        return result;
    }

    /** XEP-0060 5.7: the requester's own affiliations, with every node or one. */
    IQ affiliations(IQ request, String only) throws StanzaErrorException {
        if (only != null && !nodes.contains(only)) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found);
        }
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", Namespaces.PUBSUB).addElement("affiliations");
        for (LeafNode node : nodes.sorted()) {
            LeafNode.Affiliation affiliation = node.affiliation(request.getFrom());
            if ((only == null || only.equals(node.name())) && affiliation != LeafNode.Affiliation.NONE) {
                list.addElement("affiliation").addAttribute("node", node.name()).addAttribute("affiliation", affiliation.value());
            }
        }
        return result;
    }

    IQ items(IQ request, Element items) throws StanzaErrorException {
        LeafNode node = nodes.named(items);
        access.checkRead(request.getFrom(), node, false);
        String subid = items.attributeValue("subid");
        if (subid != null && node.subscriptions().stream().noneMatch(subscription -> subid.equals(subscription.subid())
                && subscription.jid().asBareJID().equals(request.getFrom().asBareJID()))) {
            throw PubSubErrors.of(PacketError.Condition.not_acceptable, "invalid-subid"); // 6.5.9.2
        }
        if (!node.config().persistItems()) {
            throw PubSubErrors.unsupported("persistent-items"); // 6.5.9.x: a node that keeps no items
        }
        int max = Integer.MAX_VALUE;
        String maxItems = items.attributeValue("max_items");
        if (maxItems != null) {
            try {
                max = Math.max(0, Integer.parseInt(maxItems));
            } catch (NumberFormatException e) {
                throw new StanzaErrorException(PacketError.Condition.bad_request);
            }
        }
        List<LeafNode.Item> found = new ArrayList<>();
        List<Element> asked = items.elements("item");
        if (asked.isEmpty()) {
            found.addAll(node.latest(max));
        } else {
            for (Element item : asked) {
                LeafNode.Item stored = node.item(item.attributeValue("id"));
                if (stored != null) {
                    found.add(stored);
                }
            }
        }
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", Namespaces.PUBSUB).addElement("items").addAttribute("node", node.name());
        for (LeafNode.Item item : found) {
            list.addElement("item").addAttribute("id", item.id()).add(item.payload().createCopy());
        }
        return result;
    }
}
