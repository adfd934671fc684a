package io.switchboard.pubsub.impl;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/** XEP-0060's stanza errors: a defined condition with the specific condition of {@code pubsub#errors} (section 7 and 8 of it). */
final class PubSubErrors {

    private PubSubErrors() {
    }

    /** A condition with XEP-0060's specific condition, such as {@code nodeid-required}. */
    static StanzaErrorException of(PacketError.Condition condition, String pubsubCondition) {
        return of(condition, pubsubCondition, null);
    }

    /** The same with a text for the requester. */
    static StanzaErrorException of(PacketError.Condition condition, String pubsubCondition, String text) {
        return new StanzaErrorException(condition, text, specific(pubsubCondition));
    }

    /** XEP-0060's answer to a feature this service does not offer. */
    static StanzaErrorException unsupported(String feature) {
        return new StanzaErrorException(PacketError.Condition.feature_not_implemented, null,
                specific("unsupported").addAttribute("feature", feature));
    }

    private static Element specific(String name) {
        return DocumentHelper.createElement(QName.get(name, Namespaces.ERRORS));
    }
}
