package io.switchboard.pubsub.impl;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

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

    Message item(String node, LeafNode.Item item, JID to) {
        Message message = event(to);
        message.getChildElement("event", PubSubService.EVENT_NS)
                .addElement("items").addAttribute("node", node)
                .addElement("item").addAttribute("id", item.id())
                .add(item.payload()); // shared, rendered once for every subscriber
        return message;
    }

    Message retract(String node, String itemId, JID to) {
        Message message = event(to);
        message.getChildElement("event", PubSubService.EVENT_NS)
                .addElement("items").addAttribute("node", node)
                .addElement("retract").addAttribute("id", itemId);
        return message;
    }

    Message deleted(String node, JID to) {
        Message message = event(to);
        message.getChildElement("event", PubSubService.EVENT_NS).addElement("delete").addAttribute("node", node);
        return message;
    }

    Message purged(String node, JID to) {
        Message message = event(to);
        message.getChildElement("event", PubSubService.EVENT_NS).addElement("purge").addAttribute("node", node);
        return message;
    }

    private Message event(JID to) {
        Message message = new Message();
        message.setType(Message.Type.headline);
        message.setID("n" + ids.incrementAndGet());
        message.setFrom(service.get());
        message.setTo(to);
        message.addChildElement("event", PubSubService.EVENT_NS);
        return message;
    }
}
