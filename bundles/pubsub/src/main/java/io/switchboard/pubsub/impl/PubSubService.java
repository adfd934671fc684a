package io.switchboard.pubsub.impl;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.pubsub.AccessDecision;
import io.switchboard.api.pubsub.EventPublisher;
import io.switchboard.api.pubsub.NodeAccessPolicy;
import io.switchboard.api.routing.Router;

/**
 * The XEP-0060 service, mounted at {@code pubsub.<domain>}: discovery, subscribe, unsubscribe,
 * retrieve subscriptions and items; event sources publish through {@link EventPublisher}.
 */
@Component(service = {org.xmpp.component.Component.class, EventPublisher.class},
        property = Router.COMPONENT_SUBDOMAIN + "=pubsub")
public class PubSubService implements org.xmpp.component.Component, EventPublisher {

    static final String NS = "http://jabber.org/protocol/pubsub";
    static final String EVENT_NS = NS + "#event";
    static final String ERRORS_NS = NS + "#errors";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    private static final Logger LOG = LoggerFactory.getLogger(PubSubService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, LeafNode> nodes = new ConcurrentHashMap<>();

    /** Who may subscribe and read: the highest-ranked policy now; none means nobody. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NodeAccessPolicy accessPolicy;
    private final AtomicLong messageIds = new AtomicLong();
    private volatile ComponentManager manager;
    private volatile JID address;

    // ---- Component ------------------------------------------------------------------------------

    @Override
    public String getName() {
        return "Publish-Subscribe";
    }

    @Override
    public String getDescription() {
        return "XEP-0060 publish-subscribe service for agent, team and call events";
    }

    @Override
    public void initialize(JID jid, ComponentManager componentManager) {
        this.address = jid;
        this.manager = componentManager;
    }

    @Override
    public void start() {
    }

    @Override
    public void shutdown() {
        manager = null;
    }

    @Override
    public void processPacket(Packet packet) {
        if (packet instanceof IQ iq && iq.isRequest()) {
            IQ answer;
            try {
                answer = answer(iq);
            } catch (PubSubError e) {
                answer = e.toReply(iq);
            }
            send(answer);
        }
        // messages, presences and answers to us carry nothing this service acts on
    }

    private IQ answer(IQ request) throws PubSubError {
        Element child = request.getChildElement();
        String namespace = child == null ? "" : child.getNamespaceURI();
        boolean get = request.getType() == IQ.Type.get;
        if (DISCO_INFO.equals(namespace) && get) {
            return discoInfo(request, child.attributeValue("node"));
        }
        if (DISCO_ITEMS.equals(namespace) && get) {
            return discoItems(request, child.attributeValue("node"));
        }
        if (!NS.equals(namespace)) {
            throw new PubSubError(PacketError.Condition.service_unavailable);
        }
        Element action = child.elements().isEmpty() ? null : child.elements().get(0);
        if (action == null) {
            throw new PubSubError(PacketError.Condition.bad_request);
        }
        String verb = action.getName();
        if (!get && "subscribe".equals(verb)) {
            return subscribe(request, action);
        }
        if (!get && "unsubscribe".equals(verb)) {
            return unsubscribe(request, action);
        }
        if (get && "subscriptions".equals(verb)) {
            return subscriptions(request, action.attributeValue("node"));
        }
        if (get && "items".equals(verb)) {
            return items(request, action);
        }
        throw PubSubError.unsupported(verb);
    }

    /** For unit tests, which run without DS: what field injection does at runtime. */
    void setAccessPolicy(NodeAccessPolicy policy) {
        this.accessPolicy = policy;
    }

    private IQ subscribe(IQ request, Element subscribe) throws PubSubError {
        LeafNode node = node(subscribe);
        JID jid = subscriberJid(subscribe, request);
        checkAccess(request.getFrom(), node);
        LeafNode.Subscription subscription = node.subscribe(jid, randomId(8));
        LOG.debug("{} subscribed to {}", jid, node.name());
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("pubsub", NS).addElement("subscription")
                .addAttribute("node", node.name())
                .addAttribute("jid", subscription.jid().toString())
                .addAttribute("subid", subscription.subid())
                .addAttribute("subscription", "subscribed");
        return result;
    }

    private IQ unsubscribe(IQ request, Element unsubscribe) throws PubSubError {
        LeafNode node = node(unsubscribe);
        JID jid = subscriberJid(unsubscribe, request);
        if (!node.unsubscribe(jid)) {
            throw new PubSubError(PacketError.Condition.unexpected_request, "not-subscribed");
        }
        return IQ.createResultIQ(request);
    }

    private IQ subscriptions(IQ request, String only) throws PubSubError {
        if (only != null && !nodes.containsKey(only)) {
            throw new PubSubError(PacketError.Condition.item_not_found);
        }
        JID requester = request.getFrom().asBareJID();
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", NS).addElement("subscriptions");
        for (LeafNode node : nodes.values()) {
            if (only != null && !only.equals(node.name())) {
                continue;
            }
            for (LeafNode.Subscription subscription : node.subscriptions()) {
                if (subscription.jid().asBareJID().equals(requester)) {
                    list.addElement("subscription")
                            .addAttribute("node", node.name())
                            .addAttribute("jid", subscription.jid().toString())
                            .addAttribute("subid", subscription.subid())
                            .addAttribute("subscription", "subscribed");
                }
            }
        }
        return result;
    }

    private IQ items(IQ request, Element items) throws PubSubError {
        LeafNode node = node(items);
        checkAccess(request.getFrom(), node);
        int max = LeafNode.MAX_ITEMS;
        String maxItems = items.attributeValue("max_items");
        if (maxItems != null) {
            try {
                max = Math.max(0, Integer.parseInt(maxItems));
            } catch (NumberFormatException e) {
                throw new PubSubError(PacketError.Condition.bad_request);
            }
        }
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", NS).addElement("items").addAttribute("node", node.name());
        for (LeafNode.Item item : node.latest(max)) {
            list.addElement("item").addAttribute("id", item.id()).add(item.payload().createCopy());
        }
        return result;
    }

    private IQ discoInfo(IQ request, String nodeName) throws PubSubError {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", DISCO_INFO);
        if (nodeName == null) {
            query.addElement("identity").addAttribute("category", "pubsub").addAttribute("type", "service")
                    .addAttribute("name", getName());
            for (String feature : List.of(DISCO_INFO, DISCO_ITEMS, NS, NS + "#subscribe", NS + "#retrieve-subscriptions",
                    NS + "#retrieve-items")) {
                query.addElement("feature").addAttribute("var", feature);
            }
        } else {
            if (!nodes.containsKey(nodeName)) {
                throw new PubSubError(PacketError.Condition.item_not_found);
            }
            query.addAttribute("node", nodeName);
            query.addElement("identity").addAttribute("category", "pubsub").addAttribute("type", "leaf");
            query.addElement("feature").addAttribute("var", NS);
        }
        return result;
    }

    private IQ discoItems(IQ request, String nodeName) throws PubSubError {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", DISCO_ITEMS);
        if (nodeName != null) {
            if (!nodes.containsKey(nodeName)) {
                throw new PubSubError(PacketError.Condition.item_not_found);
            }
            query.addAttribute("node", nodeName); // a leaf has no child nodes
            return result;
        }
        nodes.keySet().stream().sorted().forEach(name -> query.addElement("item")
                .addAttribute("jid", address.toString()).addAttribute("node", name));
        return result;
    }

    private void checkAccess(JID requester, LeafNode node) throws PubSubError {
        NodeAccessPolicy policy = accessPolicy;
        AccessDecision decision = policy == null
                ? AccessDecision.denied(PacketError.Condition.forbidden, "no access policy is installed")
                : policy.subscribe(requester, node.name());
        if (!decision.isAllowed()) {
            LOG.info("{} may not read {}: {}", requester, node.name(), decision.reason());
            throw PubSubError.denied(decision.condition(), decision.reason());
        }
    }

    private LeafNode node(Element action) throws PubSubError {
        String name = action.attributeValue("node");
        if (name == null || name.isEmpty()) {
            throw new PubSubError(PacketError.Condition.bad_request, "nodeid-required");
        }
        LeafNode node = nodes.get(name);
        if (node == null) {
            throw new PubSubError(PacketError.Condition.item_not_found);
        }
        return node;
    }

    /** XEP-0060 6.1.3.1: the subscribed JID must be the requester's own (bare or full). */
    private static JID subscriberJid(Element action, IQ request) throws PubSubError {
        String text = action.attributeValue("jid");
        if (text == null) {
            throw new PubSubError(PacketError.Condition.bad_request, "jid-required");
        }
        JID jid;
        try {
            jid = new JID(text);
        } catch (IllegalArgumentException e) {
            throw new PubSubError(PacketError.Condition.bad_request, "invalid-jid");
        }
        if (!jid.asBareJID().equals(request.getFrom().asBareJID())) {
            throw new PubSubError(PacketError.Condition.bad_request, "invalid-jid");
        }
        return jid;
    }

    // ---- EventPublisher -------------------------------------------------------------------------

    @Override
    public void createNode(String node) {
        nodes.computeIfAbsent(node, LeafNode::new);
    }

    @Override
    public String publish(String nodeName, Element payload) {
        LeafNode node = nodes.get(nodeName);
        if (node == null) {
            throw new IllegalArgumentException("no such node: " + nodeName);
        }
        String itemId = randomId(4);
        Element stored = payload.createCopy();
        node.add(new LeafNode.Item(itemId, stored));
        for (LeafNode.Subscription subscription : node.subscriptions()) {
            Message notification = new Message();
            notification.setID("n" + messageIds.incrementAndGet());
            notification.setFrom(address);
            notification.setTo(subscription.jid());
            notification.addChildElement("event", EVENT_NS)
                    .addElement("items").addAttribute("node", nodeName)
                    .addElement("item").addAttribute("id", itemId)
                    .add(stored.createCopy());
            send(notification);
        }
        return itemId;
    }

    private void send(Packet packet) {
        ComponentManager current = manager;
        if (current == null) {
            return; // unmounted: nobody to send to
        }
        try {
            current.sendPacket(this, packet);
        } catch (ComponentException e) {
            LOG.warn("Could not send {}", packet.toXML(), e);
        }
    }

    private static String randomId(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
