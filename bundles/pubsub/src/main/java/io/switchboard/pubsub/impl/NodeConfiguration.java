package io.switchboard.pubsub.impl;

import org.dom4j.Element;
import org.xmpp.packet.PacketError;

/** Reads the XEP-0004 form of a create request into node options (XEP-0060 8.1.3). */
final class NodeConfiguration {

    static final String DATA_FORMS = "jabber:x:data";

    private NodeConfiguration() {
    }

    /** The options the form asks for; the defaults where it is absent or silent. */
    static LeafNode.Options read(Element configure) throws PubSubError {
        Element form = configure == null ? null : configure.element(org.dom4j.QName.get("x", DATA_FORMS));
        int maxItems = LeafNode.Options.DEFAULT.maxItems();
        boolean sendLast = LeafNode.Options.DEFAULT.sendLastPublishedItem();
        if (form == null) {
            return LeafNode.Options.DEFAULT;
        }
        for (Element field : form.elements("field")) {
            String value = field.elementTextTrim("value");
            switch (String.valueOf(field.attributeValue("var"))) {
                case "pubsub#max_items" -> maxItems = positive(value);
                case "pubsub#send_last_published_item" -> sendLast = value != null && !"never".equals(value);
                default -> { } // FORM_TYPE, and options this service does not offer, are left as they are
            }
        }
        return new LeafNode.Options(maxItems, sendLast);
    }

    private static int positive(String value) throws PubSubError {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw PubSubError.denied(PacketError.Condition.not_acceptable, "pubsub#max_items must be a positive number");
    }
}
