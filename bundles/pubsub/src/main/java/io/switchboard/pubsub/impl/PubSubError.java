package io.switchboard.pubsub.impl;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** A XEP-0060 error: a stanza error condition with an optional pubsub#errors child. */
final class PubSubError extends Exception {
    private static final long serialVersionUID = 1L;

    private final PacketError.Condition condition;
    private final String pubsubCondition;
    private final String feature;
    private final String text;

    PubSubError(PacketError.Condition condition) {
        this(condition, null, null, null);
    }

    PubSubError(PacketError.Condition condition, String pubsubCondition) {
        this(condition, pubsubCondition, null, null);
    }

    private PubSubError(PacketError.Condition condition, String pubsubCondition, String feature, String text) {
        super(condition.toXMPP());
        this.condition = condition;
        this.pubsubCondition = pubsubCondition;
        this.feature = feature;
        this.text = text;
    }

    /** XEP-0060's answer to a feature this service does not offer. */
    static PubSubError unsupported(String feature) {
        return new PubSubError(PacketError.Condition.feature_not_implemented, "unsupported", feature, null);
    }

    /** A condition with XEP-0060's specific pubsub#errors condition and a text for the requester. */
    static PubSubError of(PacketError.Condition condition, String pubsubCondition, String text) {
        return new PubSubError(condition, pubsubCondition, null, text);
    }

    /** An access policy's denial, with its reason as the error's text. */
    static PubSubError denied(PacketError.Condition condition, String reason) {
        return new PubSubError(condition, null, null, reason);
    }

    IQ toReply(IQ request) {
        IQ reply = IQ.createResultIQ(request);
        if (request.getChildElement() != null) {
            reply.setChildElement(request.getChildElement().createCopy());
        }
        PacketError error = new PacketError(condition);
        if (text != null) {
            error.setText(text);
        }
        if (pubsubCondition != null) {
            Element specific = error.getElement().addElement(pubsubCondition, PubSubService.ERRORS_NS);
            if (feature != null) {
                specific.addAttribute("feature", feature);
            }
        }
        reply.setError(error);
        return reply;
    }
}
