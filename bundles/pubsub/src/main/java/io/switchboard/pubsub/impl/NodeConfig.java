package io.switchboard.pubsub.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/**
 * A leaf node's configuration (XEP-0060 section 16.4, {@code pubsub#node_config}), as far as this
 * service offers one: read from and written as XEP-0004 forms, and kept by the store as fields.
 */
record NodeConfig(String title, int maxItems, String sendLastPublishedItem, AccessModel accessModel,
        Set<String> rosterGroupsAllowed, boolean notifyRetract, boolean notifyDelete, boolean notifyConfig,
        boolean persistItems, boolean deliverPayloads) {

    static final String DATA_FORMS = "jabber:x:data";
    static final String FORM_TYPE = Namespaces.PUBSUB + "#node_config";

    static final String TITLE = "pubsub#title";
    static final String MAX_ITEMS = "pubsub#max_items";
    static final String SEND_LAST = "pubsub#send_last_published_item";
    static final String ACCESS_MODEL = "pubsub#access_model";
    static final String ROSTER_GROUPS = "pubsub#roster_groups_allowed";
    static final String NOTIFY_RETRACT = "pubsub#notify_retract";
    static final String NOTIFY_DELETE = "pubsub#notify_delete";
    static final String NOTIFY_CONFIG = "pubsub#notify_config";
    static final String PERSIST_ITEMS = "pubsub#persist_items";
    static final String DELIVER_PAYLOADS = "pubsub#deliver_payloads";
    static final String NODE_TYPE = "pubsub#node_type";

    static final List<String> SEND_LAST_OPTIONS = List.of("never", "on_sub", "on_sub_and_presence");

    /** XEP-0060's access models (section 4.5). */
    enum AccessModel {
        OPEN, PRESENCE, ROSTER, AUTHORIZE, WHITELIST;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static AccessModel of(String value) {
            for (AccessModel model : values()) {
                if (model.value().equals(value)) {
                    return model;
                }
            }
            return null;
        }
    }

    static final NodeConfig DEFAULT = new NodeConfig("", 10, "never", AccessModel.OPEN, Set.of(), true, true, false, true, true);

    NodeConfig {
        rosterGroupsAllowed = Set.copyOf(rosterGroupsAllowed);
    }

    /** on_sub_and_presence counts as on_sub: nothing is sent again when a subscriber's presence arrives. */
    boolean sendsLastOnSubscribe() {
        return !"never".equals(sendLastPublishedItem);
    }

    /** The configuration as fields, for the store. */
    Map<String, List<String>> fields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put(TITLE, List.of(title));
        fields.put(MAX_ITEMS, List.of(String.valueOf(maxItems)));
        fields.put(SEND_LAST, List.of(sendLastPublishedItem));
        fields.put(ACCESS_MODEL, List.of(accessModel.value()));
        fields.put(ROSTER_GROUPS, List.copyOf(new TreeSet<>(rosterGroupsAllowed)));
        fields.put(NOTIFY_RETRACT, List.of(String.valueOf(notifyRetract)));
        fields.put(NOTIFY_DELETE, List.of(String.valueOf(notifyDelete)));
        fields.put(NOTIFY_CONFIG, List.of(String.valueOf(notifyConfig)));
        fields.put(PERSIST_ITEMS, List.of(String.valueOf(persistItems)));
        fields.put(DELIVER_PAYLOADS, List.of(String.valueOf(deliverPayloads)));
        return fields;
    }

    /**
     * The defaults an operator configured.
     *
     * @throws IllegalArgumentException naming the PID and the field when a value is not allowed
     */
    static NodeConfig defaults(PubSubConfiguration config) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put(MAX_ITEMS, List.of(String.valueOf(config.defaultMaxItems())));
        fields.put(SEND_LAST, List.of(config.defaultSendLastPublishedItem()));
        fields.put(ACCESS_MODEL, List.of(config.defaultAccessModel()));
        fields.put(PERSIST_ITEMS, List.of(String.valueOf(config.defaultPersistItems())));
        fields.put(DELIVER_PAYLOADS, List.of(String.valueOf(config.defaultDeliverPayloads())));
        fields.put(NOTIFY_RETRACT, List.of(String.valueOf(config.defaultNotifyRetract())));
        try {
            return DEFAULT.with(fields);
        } catch (StanzaErrorException e) {
            throw new IllegalArgumentException(Nodes.PID + ": a default node configuration value is not allowed: "
                    + e.getMessage(), e);
        }
    }

    /** A stored configuration; the defaults for what it does not set. */
    static NodeConfig of(Map<String, List<String>> fields) {
        try {
            return DEFAULT.with(fields);
        } catch (StanzaErrorException e) {
            throw new IllegalStateException("a stored node configuration is invalid: " + fields, e);
        }
    }

    /**
     * This configuration changed by the fields of a submitted form (XEP-0060 8.1.3 and 8.2.4).
     * Fields this service does not offer are ignored; an invalid value is {@code not-acceptable}
     * and a collection node {@code feature-not-implemented}.
     */
    static NodeConfig read(NodeConfig base, Element configure) throws StanzaErrorException {
        Element form = configure == null ? null : configure.element(QName.get("x", DATA_FORMS));
        if (form == null || "cancel".equals(form.attributeValue("type"))) {
            return base;
        }
        if (!"submit".equals(form.attributeValue("type"))) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "a configuration is a data form of type submit");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Element field : form.elements("field")) {
            String var = field.attributeValue("var");
            if (var != null) {
                fields.put(var, field.elements("value").stream().map(Element::getTextTrim).toList());
            }
        }
        List<String> type = fields.get("FORM_TYPE");
        if (type != null && !type.equals(List.of(FORM_TYPE))) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "FORM_TYPE must be " + FORM_TYPE);
        }
        return base.with(fields);
    }

    NodeConfig with(Map<String, List<String>> fields) throws StanzaErrorException {
        String newTitle = title;
        int newMax = maxItems;
        String newSendLast = sendLastPublishedItem;
        AccessModel newAccess = accessModel;
        Set<String> newGroups = rosterGroupsAllowed;
        boolean retract = notifyRetract;
        boolean delete = notifyDelete;
        boolean config = notifyConfig;
        boolean persist = persistItems;
        boolean payloads = deliverPayloads;
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            List<String> values = field.getValue();
            String value = values.isEmpty() ? null : values.get(0);
            switch (field.getKey()) {
                case TITLE -> newTitle = value == null ? "" : value;
                case MAX_ITEMS -> newMax = positive(value);
                case SEND_LAST -> newSendLast = oneOf(SEND_LAST, value, SEND_LAST_OPTIONS);
                case ACCESS_MODEL -> {
                    newAccess = AccessModel.of(value);
                    if (newAccess == null) {
                        throw invalid(ACCESS_MODEL, value);
                    }
                }
                case ROSTER_GROUPS -> newGroups = Set.copyOf(values);
                case NOTIFY_RETRACT -> retract = bool(NOTIFY_RETRACT, value);
                case NOTIFY_DELETE -> delete = bool(NOTIFY_DELETE, value);
                case NOTIFY_CONFIG -> config = bool(NOTIFY_CONFIG, value);
                case PERSIST_ITEMS -> persist = bool(PERSIST_ITEMS, value);
                case DELIVER_PAYLOADS -> payloads = bool(DELIVER_PAYLOADS, value);
                case NODE_TYPE -> {
                    if ("collection".equals(value)) {
                        throw PubSubErrors.unsupported("collections");
                    }
                    oneOf(NODE_TYPE, value, List.of("leaf"));
                }
                default -> { } // FORM_TYPE, and options this service does not offer, are left as they are
            }
        }
        return new NodeConfig(newTitle, newMax, newSendLast, newAccess, newGroups, retract, delete, config, persist, payloads);
    }

    /** The configuration form (XEP-0060 8.2.1 and 8.3): type form, with the current values. */
    Element form() {
        Element form = DocumentHelper.createElement(QName.get("x", DATA_FORMS)).addAttribute("type", "form");
        field(form, "FORM_TYPE", "hidden", null, FORM_TYPE);
        field(form, TITLE, "text-single", "A friendly name for the node", title);
        field(form, MAX_ITEMS, "text-single", "Max # of items to persist", String.valueOf(maxItems));
        options(field(form, SEND_LAST, "list-single", "When to send the last published item", sendLastPublishedItem),
                SEND_LAST_OPTIONS);
        options(field(form, ACCESS_MODEL, "list-single", "Who may subscribe and retrieve items", accessModel.value()),
                java.util.Arrays.stream(AccessModel.values()).map(AccessModel::value).toList());
        Element groups = field(form, ROSTER_GROUPS, "list-multi", "Roster groups allowed to subscribe (access model roster)", null);
        new TreeSet<>(rosterGroupsAllowed).forEach(group -> groups.addElement("value").setText(group));
        field(form, NOTIFY_RETRACT, "boolean", "Notify subscribers when items are removed from the node", bit(notifyRetract));
        field(form, NOTIFY_DELETE, "boolean", "Notify subscribers when the node is deleted", bit(notifyDelete));
        field(form, NOTIFY_CONFIG, "boolean", "Notify subscribers when the node configuration changes", bit(notifyConfig));
        field(form, PERSIST_ITEMS, "boolean", "Persist items to storage", bit(persistItems));
        field(form, DELIVER_PAYLOADS, "boolean", "Deliver payloads with event notifications", bit(deliverPayloads));
        options(field(form, NODE_TYPE, "list-single", "Whether the node is a leaf (default) or a collection", "leaf"), List.of("leaf"));
        return form;
    }

    private static Element field(Element form, String var, String type, String label, String value) {
        Element field = form.addElement("field").addAttribute("var", var).addAttribute("type", type);
        if (label != null) {
            field.addAttribute("label", label);
        }
        if (value != null) {
            field.addElement("value").setText(value);
        }
        return field;
    }

    private static void options(Element field, List<String> values) {
        values.forEach(value -> field.addElement("option").addElement("value").setText(value));
    }

    private static String bit(boolean value) {
        return value ? "1" : "0";
    }

    static boolean bool(String var, String value) throws StanzaErrorException {
        if ("1".equals(value) || "true".equals(value)) {
            return true;
        }
        if ("0".equals(value) || "false".equals(value)) {
            return false;
        }
        throw invalid(var, value);
    }

    private static String oneOf(String var, String value, List<String> allowed) throws StanzaErrorException {
        if (!allowed.contains(value)) {
            throw invalid(var, value);
        }
        return value;
    }

    private static int positive(String value) throws StanzaErrorException {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
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
}
