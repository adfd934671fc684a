package io.switchboard.streammanagement.impl;

import java.util.List;

import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;

/**
 * What a session that ended for good had not acknowledged (XEP-0198 section 5, RFC 6121 8.5.3):
 * a chat or normal message goes to the user's bare JID, so another resource gets it or its sender
 * an error; a request (IQ get or set) gets service-unavailable; anything else is dropped: presence,
 * answers, errors, and pubsub notifications, which a desktop fetches again when it subscribes.
 */
final class Unacknowledged {

    private static final Logger LOG = LoggerFactory.getLogger(Unacknowledged.class);
    private static final String PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";

    private final Router router;

    Unacknowledged(Router router) {
        this.router = router;
    }

    void handle(JID address, List<Element> stanzas) {
        int bounced = 0;
        for (Element stanza : stanzas) {
            try {
                if (returned(address, stanza)) {
                    bounced++;
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not return an unacknowledged stanza of {}: {}", address, stanza.asXML(), e);
            }
        }
        if (bounced > 0) {
            LOG.debug("{} ended with {} unacknowledged stanzas; {} were returned or passed on", address, stanzas.size(), bounced);
        }
    }

    private boolean returned(JID address, Element stanza) {
        switch (stanza.getName()) {
            case "message" -> {
                Message message = new Message(stanza.createCopy(), true);
                Message.Type type = message.getType();
                boolean personal = type == Message.Type.normal || type == Message.Type.chat;
                if (!personal || stanza.element(org.dom4j.QName.get("event", PUBSUB_EVENT)) != null) {
                    return false;
                }
                message.setTo(address.asBareJID());
                router.route(message);
                return true;
            }
            case "iq" -> {
                IQ request = new IQ(stanza.createCopy(), true);
                if (request.getType() != IQ.Type.get && request.getType() != IQ.Type.set) {
                    return false;
                }
                // the error goes back to whoever asked, from the address that did not answer
                router.route(new StanzaErrorException(PacketError.Condition.service_unavailable,
                        address + " is gone").replyTo(request));
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
