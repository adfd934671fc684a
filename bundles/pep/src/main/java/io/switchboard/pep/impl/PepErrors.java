package io.switchboard.pep.impl;

import org.dom4j.DocumentHelper;
import org.dom4j.QName;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/** XEP-0060's stanza errors with their {@code pubsub#errors} condition. */
final class PepErrors {

    private PepErrors() {
    }

    static StanzaErrorException of(PacketError.Condition condition, String pubsubCondition, String text) {
        return new StanzaErrorException(condition, text, DocumentHelper.createElement(QName.get(pubsubCondition, Namespaces.ERRORS)));
    }

    static StanzaErrorException unsupported(String feature) {
        return new StanzaErrorException(PacketError.Condition.feature_not_implemented, null,
                DocumentHelper.createElement(QName.get("unsupported", Namespaces.ERRORS)).addAttribute("feature", feature));
    }
}
