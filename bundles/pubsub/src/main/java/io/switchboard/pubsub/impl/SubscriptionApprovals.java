package io.switchboard.pubsub.impl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.pubsub.store.PubSubStore;

/** XEP-0060 8.6: owners approve or deny pending subscriptions by submitting the form they were sent. */
final class SubscriptionApprovals {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionApprovals.class);

    private final Nodes nodes;
    private final PubSubStore store;
    private final Delivery delivery;

    SubscriptionApprovals(Nodes nodes, Delivery delivery) {
        this.nodes = nodes;
        this.store = nodes.store();
        this.delivery = delivery;
    }

    /** The fields of an owner's submitted subscription authorization; null for any other message. */
    static Map<String, String> authorizationForm(Message message) {
        Element form = message.getChildElement("x", NodeConfig.DATA_FORMS);
        if (form == null || !"submit".equals(form.attributeValue("type"))) {
            return null; // a cancelled form, or a message this service has nothing to do with
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element field : form.elements("field")) {
            fields.put(String.valueOf(field.attributeValue("var")), field.elementTextTrim("value"));
        }
        return (Namespaces.PUBSUB + "#subscribe_authorization").equals(fields.get("FORM_TYPE")) ? fields : null;
    }

    /**
     * XEP-0060 8.6: an owner's answer to a subscription authorization form. Approval makes the
     * subscription active, denial removes it; either way the subscriber is told. A form that cannot
     * be applied is answered with the error.
     */
    void authorize(Message message, Map<String, String> fields) {
        try {
            apply(message, fields);
        } catch (StanzaErrorException e) {
            delivery.send(e.replyTo(message));
        }
    }

    private void apply(Message message, Map<String, String> fields) throws StanzaErrorException {
        LeafNode node = fields.get("pubsub#node") == null ? null : nodes.get(fields.get("pubsub#node"));
        if (node == null) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found);
        }
        if (!node.isOwner(message.getFrom())) {
            throw new StanzaErrorException(PacketError.Condition.forbidden);
        }
        JID subscriber;
        boolean allow;
        try {
            subscriber = Attributes.jid(fields.get("pubsub#subscriber_jid"));
            allow = NodeConfig.bool("pubsub#allow", fields.get("pubsub#allow"));
        } catch (StanzaErrorException e) {
            throw new StanzaErrorException(PacketError.Condition.bad_request);
        }
        LeafNode.Subscription pending = node.subscription(subscriber);
        String subid = fields.get("pubsub#subid");
        if (pending == null || !pending.pending() || (subid != null && !subid.equals(pending.subid()))) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found); // decided already, or never asked
        }
        if (allow) {
            LeafNode.Subscription approved = new LeafNode.Subscription(subscriber, pending.subid(), false, pending.deliver());
            nodes.durably(() -> store.saveSubscription(node.name(), approved.stored()));
            node.put(approved);
        } else {
            nodes.durably(() -> store.deleteSubscription(node.name(), subscriber.toString()));
            node.unsubscribe(subscriber);
        }
        LOG.debug("{} {} the subscription of {} to {}", message.getFrom(), allow ? "approved" : "denied", subscriber, node.name());
        delivery.send(delivery.notifications().subscriptionState(node.name(), subscriber, pending.subid(), allow ? "subscribed" : "none"));
    }
}
