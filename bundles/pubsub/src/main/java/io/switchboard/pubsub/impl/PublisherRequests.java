package io.switchboard.pubsub.impl;

import java.util.List;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

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

    IQ publish(IQ request, Element publish, Element publishOptions, List<Packet> then) throws StanzaErrorException {
        LeafNode node = access.publishable(nodes.named(publish), request.getFrom());
        if (publishOptions != null && !publishOptions.elements().isEmpty()) {
            throw PubSubErrors.unsupported("publish-options");
        }
        Element item = publish.element("item");
        if (item == null) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "item-required");
        }
        if (item.elements().isEmpty()) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "payload-required");
        }
        if (item.elements().size() != 1) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "invalid-payload");
        }
        String id = item.attributeValue("id") == null || item.attributeValue("id").isEmpty()
                ? nodes.randomId() : item.attributeValue("id");
        LeafNode.Item published = new LeafNode.Item(id, item.elements().get(0));
        NodeConfig config = node.config();
        if (config.persistItems()) {
            nodes.durably(() -> store.saveItem(node.name(), published.stored(), config.maxItems()));
            node.add(published);
        }
        nodes.published(node.name());
        then.addAll(delivery.published(node, published));
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("pubsub", Namespaces.PUBSUB).addElement("publish").addAttribute("node", node.name())
                .addElement("item").addAttribute("id", id);
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
