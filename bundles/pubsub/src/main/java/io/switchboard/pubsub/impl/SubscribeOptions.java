package io.switchboard.pubsub.impl;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/**
 * Subscription options (XEP-0060 6.3, {@code pubsub#subscribe_options}), an honest minimal set:
 * {@code pubsub#deliver} alone, which pauses notifications without ending the subscription.
 */
final class SubscribeOptions {

    static final String FORM_TYPE = Namespaces.PUBSUB + "#subscribe_options";
    static final String DELIVER = "pubsub#deliver";

    private SubscribeOptions() {
    }

    /** The options form (6.3.2) with the subscription's values. */
    static Element form(LeafNode.Subscription subscription) {
        Element form = DocumentHelper.createElement(QName.get("x", NodeConfig.DATA_FORMS)).addAttribute("type", "form");
        Element type = form.addElement("field").addAttribute("var", "FORM_TYPE").addAttribute("type", "hidden");
        type.addElement("value").setText(FORM_TYPE);
        form.addElement("field").addAttribute("var", DELIVER).addAttribute("type", "boolean")
                .addAttribute("label", "Enable delivery?").addElement("value").setText(subscription.deliver() ? "1" : "0");
        return form;
    }

    /**
     * The subscription with the options a submitted form sets (6.3.5); unknown fields and a wrong
     * FORM_TYPE are {@code bad-request} with {@code invalid-options} (6.3.6.x).
     */
    static LeafNode.Subscription read(LeafNode.Subscription subscription, Element options) throws StanzaErrorException {
        Element form = options == null ? null : options.element(QName.get("x", NodeConfig.DATA_FORMS));
        if (form == null) {
            return subscription;
        }
        boolean deliver = subscription.deliver();
        for (Element field : form.elements("field")) {
            String var = String.valueOf(field.attributeValue("var"));
            String value = field.elementTextTrim("value");
            switch (var) {
                case "FORM_TYPE" -> {
                    if (!FORM_TYPE.equals(value)) {
                        throw invalid("FORM_TYPE must be " + FORM_TYPE);
                    }
                }
                case DELIVER -> {
                    try {
                        deliver = NodeConfig.bool(DELIVER, value);
                    } catch (StanzaErrorException e) {
                        throw invalid(DELIVER + " is a boolean");
                    }
                }
                default -> throw invalid("this service offers no option " + var);
            }
        }
        return new LeafNode.Subscription(subscription.jid(), subscription.subid(), subscription.pending(), deliver);
    }

    private static StanzaErrorException invalid(String text) {
        return PubSubErrors.of(PacketError.Condition.bad_request, "invalid-options", text);
    }
}
