package io.switchboard.pubsub.impl;

import java.util.List;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.SharedPayload;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.pubsub.store.PubSubStore;

/** What publishers do (XEP-0060 section 7): publish and retract items. */
final class PublisherRequests {

    private final Nodes nodes;
    private final PubSubStore store;
    private final NodeAccess access;
    private final Delivery delivery;

    PublisherRequests(Nodes nodes, NodeAccess access, Delivery delivery) {
        this.nodes = nodes;
        this.store = nodes.store();
        this.access = access;
        this.delivery = delivery;
    }

    /**
     * XEP-0060 7.1: publishes an item. A node that does not exist is created, owned by the
     * publisher, when the access policy lets the publisher create it (7.1.4), with the publish
     * options as its configuration; a node that exists must have the options already (7.1.5).
     */
    IQ publish(IQ request, Element publish, Element publishOptions, List<Packet> then) throws StanzaErrorException {
        PublishOptions options = PublishOptions.read(publishOptions);
        String name = Nodes.nameOf(publish);
        LeafNode node = nodes.get(name);
        if (node != null) {
            access.publishable(node, request.getFrom());
            options.check(node);
        }
        NodeConfig config = node == null ? options.applyTo(nodes.defaults()) : node.config();
        Element item = publish.element("item");
        boolean idOnly = !config.persistItems() && !config.deliverPayloads();
        if (idOnly && item != null) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "item-forbidden"); // 7.1.3.6: transient, notification-only
        } else if (!idOnly) {
            checkItem(item);
        }
        if (node == null) {
            access.checkCreate(request.getFrom(), name);
            node = nodes.create(name, request.getFrom(), config);
        }
        String id = item == null || item.attributeValue("id") == null || item.attributeValue("id").isEmpty()
                ? nodes.randomId() : item.attributeValue("id");
        // a transient, notification-only node's item is an id: neither kept nor sent with a payload
        return published(request, node, idOnly ? new LeafNode.Item(id, (SharedPayload) null)
                : new LeafNode.Item(id, item.elements().get(0)), then);
    }

    private static void checkItem(Element item) throws StanzaErrorException {
        if (item == null) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "item-required");
        }
        if (item.elements().isEmpty()) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "payload-required");
        }
        if (item.elements().size() != 1) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "invalid-payload");
        }
    }

    private IQ published(IQ request, LeafNode node, LeafNode.Item published, List<Packet> then) throws StanzaErrorException {
        NodeConfig config = node.config();
        if (config.persistItems()) {
            nodes.durably(() -> store.saveItem(node.name(), published.stored(), config.maxItems()));
            node.add(published);
        }
        nodes.published(node.name());
        then.addAll(delivery.published(node, published));
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("pubsub", Namespaces.PUBSUB).addElement("publish").addAttribute("node", node.name())
                .addElement("item").addAttribute("id", published.id());
        return result;
    }

    IQ retract(IQ request, Element retract, List<Packet> then) throws StanzaErrorException {
        LeafNode node = access.publishable(nodes.named(retract), request.getFrom());
        if (!node.config().persistItems()) {
            throw PubSubErrors.unsupported("persistent-items"); // 7.2.3.x
        }
        Element item = retract.element("item");
        String id = item == null ? null : item.attributeValue("id");
        if (id == null || id.isEmpty()) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "item-required");
        }
        if (node.item(id) == null) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found);
        }
        nodes.durably(() -> store.deleteItem(node.name(), id));
        node.retract(id);
        String notify = retract.attributeValue("notify");
        if ("true".equals(notify) || "1".equals(notify) || node.config().notifyRetract()) {
            node.recipients().forEach(recipient -> then.add(delivery.notifications().retract(node.name(), id, recipient)));
        }
        return IQ.createResultIQ(request);
    }
}
