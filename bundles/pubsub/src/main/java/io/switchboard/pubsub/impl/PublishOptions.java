package io.switchboard.pubsub.impl;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/**
 * A publish's {@code <publish-options/>} (XEP-0060 7.1.5): node configuration fields that are
 * preconditions. A node that exists must already have them, else {@code conflict} with
 * {@code precondition-not-met}; a node the publish creates gets them.
 */
record PublishOptions(Map<String, List<String>> fields) {

    static final String FORM_TYPE = Namespaces.PUBSUB + "#publish-options";

    /** No preconditions. */
    static final PublishOptions NONE = new PublishOptions(Map.of());

    PublishOptions {
        fields = Map.copyOf(fields);
    }

    /**
     * The options of a {@code <publish-options/>} element, or none without one. The form must be
     * a submitted {@code pubsub#publish-options} form ({@code bad-request} otherwise); a field that
     * is no node configuration option of this service is {@code bad-request} naming it, and a
     * value an option cannot take is {@code not-acceptable}.
     */
    static PublishOptions read(Element publishOptions) throws StanzaErrorException {
        Element form = publishOptions == null ? null : publishOptions.element(QName.get("x", NodeConfig.DATA_FORMS));
        if (form == null) {
            if (publishOptions != null && !publishOptions.elements().isEmpty()) {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "publish-options hold a data form");
            }
            return NONE;
        }
        if (!"submit".equals(form.attributeValue("type"))) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "publish-options are a data form of type submit");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        boolean typed = false;
        Set<String> known = new HashSet<>(NodeConfig.DEFAULT.fields().keySet());
        known.add(NodeConfig.NODE_TYPE);
        for (Element field : form.elements("field")) {
            String var = field.attributeValue("var");
            List<String> values = field.elements("value").stream().map(Element::getTextTrim).toList();
            if ("FORM_TYPE".equals(var)) {
                typed = values.equals(List.of(FORM_TYPE));
            } else if (var != null && known.contains(var)) {
                fields.put(var, values);
            } else {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "no such publish option: " + var);
            }
        }
        if (!typed) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "FORM_TYPE must be " + FORM_TYPE);
        }
        NodeConfig.DEFAULT.with(fields); // each value must be one the option can take
        return new PublishOptions(fields);
    }

    /** The configuration a node created by this publish gets: the defaults with these options. */
    NodeConfig applyTo(NodeConfig defaults) throws StanzaErrorException {
        return defaults.with(fields);
    }

    /** Throws {@code conflict} with {@code precondition-not-met} unless the node's configuration already has these options. */
    void check(LeafNode node) throws StanzaErrorException {
        NodeConfig now = node.config();
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            if (!now.with(Map.of(field.getKey(), field.getValue())).equals(now)) {
                throw PubSubErrors.of(PacketError.Condition.conflict, "precondition-not-met",
                        "the node's " + field.getKey() + " is not " + String.join(",", field.getValue()));
            }
        }
    }
}
