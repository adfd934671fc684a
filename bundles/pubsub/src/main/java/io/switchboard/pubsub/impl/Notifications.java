package io.switchboard.pubsub.impl;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import io.switchboard.api.routing.SharedPayload;

/**
 * The event messages of XEP-0060 section 7: a published item, a retracted item, a deleted or
 * purged node. They are headlines: RFC 6121 drops a headline to a full JID whose session is gone
 * instead of handing it to another resource, and gives one to a bare JID to every available one.
 */
final class Notifications {

    private final Supplier<JID> service;
    private final AtomicLong ids = new AtomicLong();

    /** @param service the service's address, known once the component is mounted */
    Notifications(Supplier<JID> service) {
        this.service = service;
    }

    /**
     * The event of a published item, built and rendered once for all of its subscribers: their
     * notifications differ only in the envelope.
     *
     * @param payload false for a node whose pubsub#deliver_payloads is off: the item's id alone
     */
    SharedPayload published(String node, LeafNode.Item item, boolean payload) {
        Element event = DocumentHelper.createElement(QName.get("event", Namespaces.EVENT));
        Element published = event.addElement("items").addAttribute("node", node)
                .addElement("item").addAttribute("id", item.id());
        if (payload) {
            published.add(item.payload());
        }
        return new SharedPayload(event);
    }

    Message item(SharedPayload published, JID to) {
        Message message = headline(to);
        message.getElement().add(published);
        return message;
    }

    /** XEP-0060 8.2.5: the node's configuration changed (without the form). */
    Message configured(String node, JID to) {
        Message message = event(to);
        message.getChildElement("event", Namespaces.EVENT).addElement("configuration").addAttribute("node", node);
        return message;
    }

    /** XEP-0060 8.6.2 (and 8.8.2): the subscriber is told its subscription's new state. */
    Message subscriptionState(String node, JID subscriber, String subid, String state) {
        Message message = new Message();
        message.setID("n" + ids.incrementAndGet());
        message.setFrom(service.get());
        message.setTo(subscriber);
        Element subscription = message.addChildElement("pubsub", Namespaces.PUBSUB).addElement("subscription")
                .addAttribute("node", node).addAttribute("jid", subscriber.toString()).addAttribute("subscription", state);
        if (subid != null && !"none".equals(state)) {
            subscription.addAttribute("subid", subid);
        }
        return message;
    }

    /** XEP-0060 8.6.1: asks an owner to approve or deny a pending subscription. */
    Message authorizationRequest(String node, LeafNode.Subscription pending, JID owner) {
        Message message = new Message();
        message.setID("n" + ids.incrementAndGet());
        message.setFrom(service.get());
        message.setTo(owner);
        Element form = message.addChildElement("x", NodeConfig.DATA_FORMS).addAttribute("type", "form");
        form.addElement("title").setText("PubSub subscriber request");
        form.addElement("instructions").setText("To approve this entity's subscription request, click the OK button."
                + " To deny the request, click the cancel button.");
        field(form, "FORM_TYPE", "hidden", null, Namespaces.PUBSUB + "#subscribe_authorization");
        field(form, "pubsub#subid", "hidden", null, pending.subid());
        field(form, "pubsub#node", "text-single", "Node ID", node);
        field(form, "pubsub#subscriber_jid", "jid-single", "Subscriber Address", pending.jid().toString());
        field(form, "pubsub#allow", "boolean", "Allow this JID to subscribe to this pubsub node?", "false");
        return message;
    }

    private static void field(Element form, String var, String type, String label, String value) {
        Element field = form.addElement("field").addAttribute("var", var).addAttribute("type", type);
        if (label != null) {
            field.addAttribute("label", label);
        }
        field.addElement("value").setText(value);
    }

    Message retract(String node, String itemId, JID to) {
        Message message = event(to);
        message.getChildElement("event", Namespaces.EVENT)
                .addElement("items").addAttribute("node", node)
                .addElement("retract").addAttribute("id", itemId);
        return message;
    }

    Message deleted(String node, JID to) {
        Message message = event(to);
        message.getChildElement("event", Namespaces.EVENT).addElement("delete").addAttribute("node", node);
        return message;
    }

    Message purged(String node, JID to) {
        Message message = event(to);
        message.getChildElement("event", Namespaces.EVENT).addElement("purge").addAttribute("node", node);
        return message;
    }

    private Message event(JID to) {
        Message message = headline(to);
        message.addChildElement("event", Namespaces.EVENT);
        return message;
    }

    private Message headline(JID to) {
        Message message = new Message();
        message.setType(Message.Type.headline);
        message.setID("n" + ids.incrementAndGet());
        message.setFrom(service.get());
        message.setTo(to);
        return message;
    }
}
