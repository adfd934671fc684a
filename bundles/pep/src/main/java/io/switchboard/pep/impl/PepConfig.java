package io.switchboard.pep.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/**
 * A PEP node's configuration: the {@code pubsub#node_config} options PEP offers (XEP-0163 section
 * 4 and XEP-0060 16.4), read from forms, publish-options and the store, and written back.
 */
record PepConfig(AccessModel accessModel, int maxItems, String sendLastPublishedItem) {

    static final String DATA_FORMS = "jabber:x:data";
    static final String NODE_CONFIG = Namespaces.PUBSUB + "#node_config";

    static final String ACCESS_MODEL = "pubsub#access_model";
    static final String MAX_ITEMS = "pubsub#max_items";
    static final String SEND_LAST = "pubsub#send_last_published_item";
    static final String PERSIST_ITEMS = "pubsub#persist_items";

    /** What {@code max} means for {@code pubsub#max_items} (XEP-0060 config-node-max). */
    static final int MOST_ITEMS = 256;

    static final List<String> SEND_LAST_OPTIONS = List.of("never", "on_sub", "on_sub_and_presence");

    /** The access models PEP offers: {@code presence} by default (XEP-0163 section 3). */
    enum AccessModel {
        OPEN, PRESENCE, WHITELIST;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** XEP-0163's defaults: contacts with a presence subscription read, the last item goes to them when they come. */
    static final PepConfig DEFAULT = new PepConfig(AccessModel.PRESENCE, 1, "on_sub_and_presence");

    boolean sendsLastOnPresence() {
        return "on_sub_and_presence".equals(sendLastPublishedItem);
    }

    /** The options as fields, for the store and for comparing. */
    Map<String, List<String>> fields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put(ACCESS_MODEL, List.of(accessModel.value()));
        fields.put(MAX_ITEMS, List.of(String.valueOf(maxItems)));
        fields.put(SEND_LAST, List.of(sendLastPublishedItem));
        fields.put(PERSIST_ITEMS, List.of("true"));
        return fields;
    }

    /** A stored configuration. */
    static PepConfig of(Map<String, List<String>> stored) {
        try {
            return DEFAULT.with(stored);
        } catch (StanzaErrorException e) {
            throw new IllegalStateException("a stored PEP node configuration is invalid: " + stored, e);
        }
    }

    /**
     * This configuration changed by these fields. A field PEP does not offer is {@code bad-request}
     * when {@code strict} (publish-options), else ignored (a configuration form); a value an
     * option cannot take is {@code not-acceptable}.
     */
    PepConfig with(Map<String, List<String>> fields, boolean strict) throws StanzaErrorException {
        AccessModel access = accessModel;
        int max = maxItems;
        String sendLast = sendLastPublishedItem;
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            String value = field.getValue().isEmpty() ? null : field.getValue().get(0);
            switch (field.getKey()) {
                case "FORM_TYPE" -> { }
                case ACCESS_MODEL -> access = accessModel(value);
                case MAX_ITEMS -> max = maxItems(value);
                case SEND_LAST -> {
                    if (!SEND_LAST_OPTIONS.contains(value)) {
                        throw invalid(SEND_LAST, value);
                    }
                    sendLast = value;
                }
                case PERSIST_ITEMS -> {
                    if (!"1".equals(value) && !"true".equals(value)) {
                        throw invalid(PERSIST_ITEMS, value); // a PEP node keeps its items
                    }
                }
                default -> {
                    if (strict) {
                        throw new StanzaErrorException(PacketError.Condition.bad_request, "no such option: " + field.getKey());
                    }
                }
            }
        }
        return new PepConfig(access, max, sendLast);
    }

    private PepConfig with(Map<String, List<String>> fields) throws StanzaErrorException {
        return with(fields, false);
    }

    private static AccessModel accessModel(String value) throws StanzaErrorException {
        for (AccessModel model : AccessModel.values()) {
            if (model.value().equals(value)) {
                return model;
            }
        }
        throw invalid(ACCESS_MODEL, value);
    }

    private static int maxItems(String value) throws StanzaErrorException {
        if ("max".equals(value)) {
            return MOST_ITEMS;
        }
        try {
            int number = Integer.parseInt(value);
            if (number > 0 && number <= MOST_ITEMS) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(MAX_ITEMS, value);
    }

    private static StanzaErrorException invalid(String var, String value) {
        return new StanzaErrorException(PacketError.Condition.not_acceptable, var + " cannot be '" + value + "'");
    }

    /** The fields of a data form inside {@code parent} (a configure or publish-options element), or null without one. */
    static Map<String, List<String>> submitted(Element parent, String formType) throws StanzaErrorException {
        Element form = parent == null ? null : parent.element(QName.get("x", DATA_FORMS));
        if (form == null) {
            return null;
        }
        if (!"submit".equals(form.attributeValue("type"))) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "a data form of type submit is expected");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Element field : form.elements("field")) {
            if (field.attributeValue("var") != null) {
                fields.put(field.attributeValue("var"), field.elements("value").stream().map(Element::getTextTrim).toList());
            }
        }
        List<String> type = fields.get("FORM_TYPE");
        if (type != null ? !type.equals(List.of(formType)) : formType.endsWith("#publish-options")) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "FORM_TYPE must be " + formType);
        }
        return fields;
    }

    /** The configuration form (XEP-0060 8.2.1) with the current values. */
    Element form() {
        Element form = DocumentHelper.createElement(QName.get("x", DATA_FORMS)).addAttribute("type", "form");
        field(form, "FORM_TYPE", "hidden", NODE_CONFIG);
        Element access = field(form, ACCESS_MODEL, "list-single", accessModel.value());
        for (AccessModel model : AccessModel.values()) {
            access.addElement("option").addElement("value").setText(model.value());
        }
        field(form, MAX_ITEMS, "text-single", String.valueOf(maxItems));
        Element sendLast = field(form, SEND_LAST, "list-single", sendLastPublishedItem);
        SEND_LAST_OPTIONS.forEach(option -> sendLast.addElement("option").addElement("value").setText(option));
        field(form, PERSIST_ITEMS, "boolean", "1");
        return form;
    }

    private static Element field(Element form, String var, String type, String value) {
        Element field = form.addElement("field").addAttribute("var", var).addAttribute("type", type);
        field.addElement("value").setText(value);
        return field;
    }
}
