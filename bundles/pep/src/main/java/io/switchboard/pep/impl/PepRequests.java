package io.switchboard.pep.impl;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;

/**
 * The requests an account's PEP service answers (XEP-0163 with the XEP-0060 use cases it needs):
 * the owner publishes (creating the node on first publish, with publish-options as
 * preconditions), retracts, creates, configures and deletes; the owner and those the access model
 * lets read retrieve items. Notifications the request causes are added to {@code then}.
 */
final class PepRequests {

    private final PepNodes nodes;
    private final PepAccess access;
    private final PepAudience audience;
    private final PepEvents events;
    private final SecureRandom random = new SecureRandom();

    PepRequests(PepNodes nodes, PepAccess access, PepAudience audience, PepEvents events) {
        this.nodes = nodes;
        this.access = access;
        this.audience = audience;
        this.events = events;
    }

    IQ answer(IQ request, JID owner, List<Packet> then) throws StanzaErrorException {
        Element child = request.getChildElement();
        Element action = child.elements().isEmpty() ? null : child.elements().get(0);
        if (action == null) {
            throw new StanzaErrorException(PacketError.Condition.bad_request);
        }
        boolean ownerNamespace = Namespaces.OWNER.equals(child.getNamespaceURI());
        String use = (request.getType() == IQ.Type.get ? "get " : "set ") + (ownerNamespace ? "owner " : "") + action.getName();
        if ("get items".equals(use)) {
            return items(request, owner, action);
        }
        if (!request.getFrom().asBareJID().equals(owner)) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "only the account itself changes its PEP nodes");
        }
        return switch (use) {
            case "set publish" -> publish(request, owner, action, child.element("publish-options"), then);
            case "set retract" -> retract(request, owner, action, then);
            case "set create" -> create(request, owner, action, child.element("configure"));
            case "set owner delete" -> delete(request, owner, action, then);
            case "set owner purge" -> purge(request, owner, action, then);
            case "get owner configure" -> configuration(request, owner, action);
            case "set owner configure" -> configure(request, owner, action);
            default -> throw PepErrors.unsupported(action.getName());
        };
    }

    private IQ publish(IQ request, JID owner, Element publish, Element publishOptions, List<Packet> then) throws StanzaErrorException {
        String name = nameOf(publish);
        Map<String, List<String>> options = PepConfig.submitted(publishOptions, Namespaces.PUBLISH_OPTIONS);
        PepConfig wanted = PepConfig.DEFAULT.with(options == null ? Map.of() : options, true);
        PepNode node = nodes.get(owner, name);
        if (node != null && options != null) {
            checkPreconditions(node, options);
        }
        Element item = publish.element("item");
        if (item == null) {
            throw PepErrors.of(PacketError.Condition.bad_request, "item-required", null);
        }
        if (item.elements().size() != 1) {
            throw PepErrors.of(PacketError.Condition.bad_request,
                    item.elements().isEmpty() ? "payload-required" : "invalid-payload", null);
        }
        if (node == null) {
            node = nodes.create(owner, name, wanted); // XEP-0163 section 3: auto-create
        }
        String id = item.attributeValue("id") == null || item.attributeValue("id").isEmpty() ? randomId() : item.attributeValue("id");
        PepNode.Item published = new PepNode.Item(id, item.elements().get(0).createCopy());
        nodes.publish(node, published);
        for (JID to : audience.of(node)) {
            then.add(events.item(node, published, to));
        }
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("pubsub", Namespaces.PUBSUB).addElement("publish").addAttribute("node", name)
                .addElement("item").addAttribute("id", id);
        return result;
    }

    /** XEP-0060 7.1.5: each option must be the node's already; a precondition is met when applying it changes nothing. */
    private static void checkPreconditions(PepNode node, Map<String, List<String>> options) throws StanzaErrorException {
        PepConfig now = node.config();
        for (Map.Entry<String, List<String>> option : options.entrySet()) {
            if (!now.with(Map.of(option.getKey(), option.getValue()), true).equals(now)) {
                throw PepErrors.of(PacketError.Condition.conflict, "precondition-not-met",
                        "the node's " + option.getKey() + " is not " + String.join(",", option.getValue()));
            }
        }
    }

    private IQ retract(IQ request, JID owner, Element retract, List<Packet> then) throws StanzaErrorException {
        PepNode node = existing(owner, retract);
        Element item = retract.element("item");
        String id = item == null ? null : item.attributeValue("id");
        if (id == null || id.isEmpty()) {
            throw PepErrors.of(PacketError.Condition.bad_request, "item-required", null);
        }
        if (node.item(id) == null) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found);
        }
        nodes.retract(node, id);
        for (JID to : audience.of(node)) {
            then.add(events.retract(node, id, to));
        }
        return IQ.createResultIQ(request);
    }

    private IQ items(IQ request, JID owner, Element items) throws StanzaErrorException {
        PepNode node = existing(owner, items);
        access.checkRead(request.getFrom(), node);
        int max = PepConfig.MOST_ITEMS;
        if (items.attributeValue("max_items") != null) {
            try {
                max = Math.max(0, Integer.parseInt(items.attributeValue("max_items")));
            } catch (NumberFormatException e) {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "max_items is a number");
            }
        }
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", Namespaces.PUBSUB).addElement("items").addAttribute("node", node.name());
        List<Element> asked = items.elements("item");
        List<PepNode.Item> found = asked.isEmpty() ? node.latest(max)
                : asked.stream().map(item -> node.item(item.attributeValue("id"))).filter(item -> item != null).toList();
        for (PepNode.Item item : found) {
            list.addElement("item").addAttribute("id", item.id()).add(item.payload().createCopy());
        }
        return result;
    }

    private IQ create(IQ request, JID owner, Element create, Element configure) throws StanzaErrorException {
        String name = create.attributeValue("node");
        if (name == null || name.isEmpty()) {
            throw PepErrors.of(PacketError.Condition.not_acceptable, "nodeid-required", "PEP nodes are named");
        }
        Map<String, List<String>> fields = PepConfig.submitted(configure, PepConfig.NODE_CONFIG);
        nodes.create(owner, name, PepConfig.DEFAULT.with(fields == null ? Map.of() : fields, false));
        return IQ.createResultIQ(request);
    }

    private IQ delete(IQ request, JID owner, Element delete, List<Packet> then) throws StanzaErrorException {
        PepNode node = existing(owner, delete);
        List<JID> told = audience.of(node);
        nodes.delete(node);
        told.forEach(to -> then.add(events.deleted(node, to)));
        return IQ.createResultIQ(request);
    }

    /** XEP-0060 8.5: every item goes; those who would be told of a new item are told of the purge. */
    private IQ purge(IQ request, JID owner, Element purge, List<Packet> then) throws StanzaErrorException {
        PepNode node = existing(owner, purge);
        nodes.purge(node);
        audience.of(node).forEach(to -> then.add(events.purged(node, to)));
        return IQ.createResultIQ(request);
    }

    private IQ configuration(IQ request, JID owner, Element configure) throws StanzaErrorException {
        PepNode node = existing(owner, configure);
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("pubsub", Namespaces.OWNER).addElement("configure").addAttribute("node", node.name())
                .add(node.config().form());
        return result;
    }

    private IQ configure(IQ request, JID owner, Element configure) throws StanzaErrorException {
        PepNode node = existing(owner, configure);
        Map<String, List<String>> fields = PepConfig.submitted(configure, PepConfig.NODE_CONFIG);
        if (fields == null) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "the configuration form is missing");
        }
        nodes.configure(node, node.config().with(fields, false));
        return IQ.createResultIQ(request);
    }

    private PepNode existing(JID owner, Element action) throws StanzaErrorException {
        PepNode node = nodes.get(owner, nameOf(action));
        if (node == null) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found);
        }
        return node;
    }

    private static String nameOf(Element action) throws StanzaErrorException {
        String name = action.attributeValue("node");
        if (name == null || name.isEmpty()) {
            throw PepErrors.of(PacketError.Condition.bad_request, "nodeid-required", null);
        }
        return name;
    }

    private String randomId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
