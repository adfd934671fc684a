package io.switchboard.pubsub.impl;

import java.util.List;
import java.util.function.Supplier;

import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/** XEP-0030 for the service: its identity and features, its nodes, and each node's meta-data (XEP-0060 5.1-5.4). */
final class Disco {

    private final Nodes nodes;
    private final Supplier<JID> address;

    /** @param address the service's address, known once the component is mounted */
    Disco(Nodes nodes, Supplier<JID> address) {
        this.nodes = nodes;
        this.address = address;
    }

    IQ info(IQ request, String nodeName) throws StanzaErrorException {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", Namespaces.DISCO_INFO);
        if (nodeName == null) {
            query.addElement("identity").addAttribute("category", "pubsub").addAttribute("type", "service")
                    .addAttribute("name", PubSubService.NAME);
            query.addElement("feature").addAttribute("var", Namespaces.DISCO_INFO);
            query.addElement("feature").addAttribute("var", Namespaces.DISCO_ITEMS);
            query.addElement("feature").addAttribute("var", Namespaces.PUBSUB);
            for (String feature : FEATURES) {
                query.addElement("feature").addAttribute("var", Namespaces.PUBSUB + "#" + feature);
            }
        } else {
            LeafNode node = nodes.get(nodeName);
            if (node == null) {
                throw new StanzaErrorException(PacketError.Condition.item_not_found);
            }
            query.addAttribute("node", nodeName);
            query.addElement("identity").addAttribute("category", "pubsub").addAttribute("type", "leaf");
            query.addElement("feature").addAttribute("var", Namespaces.PUBSUB);
            metadata(query, node);
        }
        return result;
    }

    /**
     * What XEP-0060 section 10 names of what this service does, each covered by a test (the
     * features' list in PubSubServiceTest); anything else is feature-not-implemented. Not offered,
     * so not listed: collections, multi-subscribe, leased subscriptions, presence-based delivery,
     * filtered notifications, publisher-only affiliation, config-node-max, get-pending, shim.
     */
    private static final List<String> FEATURES = List.of("access-authorize", "access-open", "access-presence", "access-roster",
            "access-whitelist", "auto-create", "config-node", "create-and-configure", "create-nodes", "delete-items",
            "delete-nodes", "instant-nodes", "item-ids", "last-published", "manage-subscriptions", "member-affiliation",
            "meta-data", "modify-affiliations", "outcast-affiliation", "persistent-items", "publish", "publish-options",
            "publisher-affiliation", "purge-nodes", "retract-items", "retrieve-affiliations", "retrieve-default",
            "retrieve-items", "retrieve-subscriptions", "subscribe", "subscription-notifications", "subscription-options");

    /** XEP-0060 5.4: the node's meta-data as a data form in its disco#info. */
    private static void metadata(Element query, LeafNode node) {
        Element form = query.addElement(QName.get("x", NodeConfig.DATA_FORMS)).addAttribute("type", "result");
        field(form, "FORM_TYPE", Namespaces.PUBSUB + "#meta-data").addAttribute("type", "hidden");
        List<JID> owners = node.owners();
        if (!owners.isEmpty()) {
            Element owner = form.addElement("field").addAttribute("var", "pubsub#owner").addAttribute("type", "jid-multi");
            owners.forEach(jid -> owner.addElement("value").setText(jid.toString()));
        }
        if (!node.config().title().isEmpty()) {
            field(form, "pubsub#title", node.config().title());
        }
        field(form, "pubsub#access_model", node.config().accessModel().value());
        field(form, "pubsub#num_subscribers", String.valueOf(node.subscriptions().size()));
    }

    private static Element field(Element form, String var, String value) {
        Element field = form.addElement("field").addAttribute("var", var);
        field.addElement("value").setText(value);
        return field;
    }

    IQ items(IQ request, String nodeName) throws StanzaErrorException {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", Namespaces.DISCO_ITEMS);
        if (nodeName != null) {
            if (!nodes.contains(nodeName)) {
                throw new StanzaErrorException(PacketError.Condition.item_not_found);
            }
            query.addAttribute("node", nodeName); // a leaf has no child nodes
            return result;
        }
        nodes.sorted().forEach(node -> query.addElement("item")
                .addAttribute("jid", address.get().toString()).addAttribute("node", node.name()));
        return result;
    }
}
