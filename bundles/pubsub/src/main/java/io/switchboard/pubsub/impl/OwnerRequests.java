package io.switchboard.pubsub.impl;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.pubsub.store.PubSubStore;

/**
 * What owners do (XEP-0060 section 8): create, configure, delete and purge nodes, and manage
 * their subscriptions and affiliations.
 */
final class OwnerRequests {

    private final Nodes nodes;
    private final PubSubStore store;
    private final NodeAccess access;
    private final Notifications notifications;

    OwnerRequests(Nodes nodes, NodeAccess access, Notifications notifications) {
        this.nodes = nodes;
        this.store = nodes.store();
        this.access = access;
        this.notifications = notifications;
    }

    /**
     * Creates a leaf node owned by the requester (XEP-0060 8.1). Without a name it is an instant
     * node (8.1.2): the service names it and says the name in its answer.
     */
    IQ create(IQ request, Element create, Element configure) throws StanzaErrorException {
        String requested = create.attributeValue("node");
        boolean instant = requested == null || requested.isEmpty();
        String name = instant ? nodes.instantName() : requested;
        access.checkCreate(request.getFrom(), name);
        nodes.create(name, request.getFrom(), NodeConfig.read(nodes.defaults(), configure));
        IQ result = IQ.createResultIQ(request);
        if (instant) {
            result.setChildElement("pubsub", Namespaces.PUBSUB).addElement("create").addAttribute("node", name);
        }
        return result;
    }

    /** XEP-0060 8.2: the configuration form of a node the requester owns. */
    IQ configuration(IQ request, Element configure) throws StanzaErrorException {
        LeafNode node = access.owned(nodes.named(configure), request.getFrom());
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("pubsub", Namespaces.OWNER).addElement("configure").addAttribute("node", node.name())
                .add(node.config().form());
        return result;
    }

    IQ configure(IQ request, Element configure, List<Packet> then) throws StanzaErrorException {
        LeafNode node = access.owned(nodes.named(configure), request.getFrom());
        Element form = configure.element(QName.get("x", NodeConfig.DATA_FORMS));
        if (form == null) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "the configuration form is missing");
        }
        if ("cancel".equals(form.attributeValue("type"))) {
            return IQ.createResultIQ(request); // 8.2.6: nothing changes
        }
        NodeConfig changed = NodeConfig.read(node.config(), configure);
        PubSubStore.StoredNode stored = node.stored();
        nodes.durably(() -> store.saveNode(new PubSubStore.StoredNode(node.name(), changed.fields(), stored.affiliations(),
                List.of(), List.of())));
        if (changed.maxItems() < node.itemCount() || (!changed.persistItems() && node.config().persistItems())) {
            // the store keeps what the node keeps: the newest max_items, none when items are no longer persisted
            List<LeafNode.Item> kept = changed.persistItems() ? node.latest(changed.maxItems()) : List.of();
            nodes.durably(() -> {
                store.purge(node.name());
                for (int i = kept.size() - 1; i >= 0; i--) {
                    store.saveItem(node.name(), kept.get(i).stored(), changed.maxItems());
                }
            });
            if (!changed.persistItems()) {
                node.purge();
            }
        }
        node.configure(changed);
        if (changed.notifyConfig()) {
            node.recipients().forEach(recipient -> then.add(notifications.configured(node.name(), recipient)));
        }
        return IQ.createResultIQ(request);
    }

    /** XEP-0060 8.3: the configuration a new node gets. */
    IQ defaultConfiguration(IQ request) {
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("pubsub", Namespaces.OWNER).addElement("default").add(nodes.defaults().form());
        return result;
    }

    IQ delete(IQ request, Element delete, List<Packet> then) throws StanzaErrorException {
        LeafNode node = access.owned(nodes.named(delete), request.getFrom());
        if (delete.element("redirect") != null) {
            throw PubSubErrors.unsupported("delete-nodes"); // no redirect URIs
        }
        nodes.durably(() -> store.deleteNode(node.name()));
        nodes.remove(node);
        if (node.config().notifyDelete()) {
            node.recipients().forEach(recipient -> then.add(notifications.deleted(node.name(), recipient)));
        }
        return IQ.createResultIQ(request);
    }

    IQ purge(IQ request, Element purge, List<Packet> then) throws StanzaErrorException {
        LeafNode node = access.owned(nodes.named(purge), request.getFrom());
        if (!node.config().persistItems()) {
            throw PubSubErrors.unsupported("persistent-items"); // 8.5.3.2
        }
        nodes.durably(() -> store.purge(node.name()));
        node.purge();
        node.recipients().forEach(recipient -> then.add(notifications.purged(node.name(), recipient)));
        return IQ.createResultIQ(request);
    }

    /** XEP-0060 8.8.1: every subscription of a node the requester owns. */
    IQ ownerSubscriptions(IQ request, Element subscriptions) throws StanzaErrorException {
        LeafNode node = access.owned(nodes.named(subscriptions), request.getFrom());
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", Namespaces.OWNER).addElement("subscriptions").addAttribute("node", node.name());
        node.subscriptions().stream().sorted(Comparator.comparing(subscription -> subscription.jid().toString()))
                .forEach(subscription -> list.addElement("subscription")
                        .addAttribute("jid", subscription.jid().toString())
                        .addAttribute("subscription", subscription.state())
                        .addAttribute("subid", subscription.subid()));
        return result;
    }

    /**
     * XEP-0060 8.8.2: the owner sets subscriptions: {@code subscribed} makes or approves one,
     * {@code none} removes it; the subscriber is told. Every entry is checked before any is applied.
     */
    IQ manageSubscriptions(IQ request, Element subscriptions, List<Packet> then) throws StanzaErrorException {
        LeafNode node = access.owned(nodes.named(subscriptions), request.getFrom());
        Map<JID, String> changes = new LinkedHashMap<>();
        for (Element entry : subscriptions.elements("subscription")) {
            JID jid = Attributes.jid(entry.attributeValue("jid"));
            String state = entry.attributeValue("subscription");
            if (!"subscribed".equals(state) && !"none".equals(state)) {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "a subscription is 'subscribed' or 'none'");
            }
            LeafNode.Subscription existing = node.subscription(jid);
            String subid = entry.attributeValue("subid");
            if (existing != null && subid != null && !subid.equals(existing.subid())) {
                throw PubSubErrors.of(PacketError.Condition.not_acceptable, "invalid-subid");
            }
            changes.put(jid, state);
        }
        for (Map.Entry<JID, String> change : changes.entrySet()) {
            JID jid = change.getKey();
            LeafNode.Subscription existing = node.subscription(jid);
            if ("none".equals(change.getValue())) {
                if (existing != null) {
                    nodes.durably(() -> store.deleteSubscription(node.name(), jid.toString()));
                    node.unsubscribe(jid);
                    then.add(notifications.subscriptionState(node.name(), jid, existing.subid(), "none"));
                }
            } else if (existing == null || existing.pending()) {
                LeafNode.Subscription subscribed = existing == null ? new LeafNode.Subscription(jid, nodes.randomId())
                        : new LeafNode.Subscription(jid, existing.subid(), false, existing.deliver());
                nodes.durably(() -> store.saveSubscription(node.name(), subscribed.stored()));
                node.put(subscribed);
                then.add(notifications.subscriptionState(node.name(), jid, subscribed.subid(), "subscribed"));
            }
        }
        return IQ.createResultIQ(request);
    }

    /** XEP-0060 8.9.1: every affiliation with a node the requester owns. */
    IQ ownerAffiliations(IQ request, Element affiliations) throws StanzaErrorException {
        LeafNode node = access.owned(nodes.named(affiliations), request.getFrom());
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", Namespaces.OWNER).addElement("affiliations").addAttribute("node", node.name());
        node.affiliations().entrySet().stream().sorted(Comparator.comparing(entry -> entry.getKey().toString()))
                .forEach(entry -> list.addElement("affiliation").addAttribute("jid", entry.getKey().toString())
                        .addAttribute("affiliation", entry.getValue().value()));
        return result;
    }

    /**
     * XEP-0060 8.9.2: the owner sets affiliations (owner, publisher, member, outcast, none). An
     * outcast loses its subscriptions; a change that would leave the node without an owner is
     * {@code not-acceptable}. Every entry is checked before any is applied.
     */
    IQ manageAffiliations(IQ request, Element affiliations) throws StanzaErrorException {
        LeafNode node = access.owned(nodes.named(affiliations), request.getFrom());
        Map<JID, LeafNode.Affiliation> changes = new LinkedHashMap<>();
        for (Element entry : affiliations.elements("affiliation")) {
            JID jid = Attributes.jid(entry.attributeValue("jid")).asBareJID();
            LeafNode.Affiliation affiliation = LeafNode.Affiliation.of(entry.attributeValue("affiliation"));
            if (affiliation == null) {
                throw new StanzaErrorException(PacketError.Condition.bad_request,
                        "an affiliation is owner, publisher, member, outcast or none");
            }
            changes.put(jid, affiliation);
        }
        Map<JID, LeafNode.Affiliation> after = new LinkedHashMap<>(node.affiliations());
        changes.forEach((jid, affiliation) -> after.put(jid, affiliation));
        if (!after.containsValue(LeafNode.Affiliation.OWNER)) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, "a node keeps at least one owner");
        }
        for (Map.Entry<JID, LeafNode.Affiliation> change : changes.entrySet()) {
            JID jid = change.getKey();
            nodes.durably(() -> store.saveAffiliation(node.name(), jid.toString(), change.getValue().value()));
            node.affiliate(jid, change.getValue());
            if (change.getValue() == LeafNode.Affiliation.OUTCAST) {
                for (LeafNode.Subscription subscription : List.copyOf(node.subscriptions())) {
                    if (subscription.jid().asBareJID().equals(jid)) {
                        nodes.durably(() -> store.deleteSubscription(node.name(), subscription.jid().toString()));
                        node.unsubscribe(subscription.jid());
                    }
                }
            }
        }
        return IQ.createResultIQ(request);
    }
}
