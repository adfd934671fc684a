package io.switchboard.pep.impl;

import java.util.concurrent.atomic.AtomicLong;

import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * The event messages of a PEP node (XEP-0163 section 4.3): headlines from the owner's bare JID,
 * to one resource each.
 */
final class PepEvents {

    private final AtomicLong ids = new AtomicLong();

    Message item(PepNode node, PepNode.Item item, JID to) {
        Message message = headline(node, to);
        message.getChildElement("event", Namespaces.EVENT).addElement("items").addAttribute("node", node.name())
                .addElement("item").addAttribute("id", item.id()).add(item.payload().createCopy());
        return message;
    }

    Message retract(PepNode node, String id, JID to) {
        Message message = headline(node, to);
        message.getChildElement("event", Namespaces.EVENT).addElement("items").addAttribute("node", node.name())
                .addElement("retract").addAttribute("id", id);
        return message;
    }

    Message deleted(PepNode node, JID to) {
        Message message = headline(node, to);
        message.getChildElement("event", Namespaces.EVENT).addElement("delete").addAttribute("node", node.name());
        return message;
    }

    Message purged(PepNode node, JID to) {
        Message message = headline(node, to);
        message.getChildElement("event", Namespaces.EVENT).addElement("purge").addAttribute("node", node.name());
        return message;
    }

    private Message headline(PepNode node, JID to) {
        Message message = new Message();
        message.setType(Message.Type.headline);
        message.setID("pep" + ids.incrementAndGet());
        message.setFrom(node.owner());
        message.setTo(to);
        message.addChildElement("event", Namespaces.EVENT);
        return message;
    }
}
