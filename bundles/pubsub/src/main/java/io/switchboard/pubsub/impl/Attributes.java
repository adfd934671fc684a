package io.switchboard.pubsub.impl;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/** A request's attribute values, with XEP-0060's errors when they are missing or malformed. */
final class Attributes {

    private Attributes() {
    }

    /** A JID attribute: missing or malformed is {@code bad-request} with {@code jid-required} or {@code invalid-jid}. */
    static JID jid(String text) throws StanzaErrorException {
        if (text == null || text.isEmpty()) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "jid-required");
        }
        try {
            return new JID(text);
        } catch (IllegalArgumentException e) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "invalid-jid");
        }
    }

    /** XEP-0060 6.1.3.1: the subscribed JID must be the requester's own (bare or full). */
    static JID requestersOwn(Element action, IQ request) throws StanzaErrorException {
        JID jid = jid(action.attributeValue("jid"));
        if (!jid.asBareJID().equals(request.getFrom().asBareJID())) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "invalid-jid");
        }
        return jid;
    }
}
