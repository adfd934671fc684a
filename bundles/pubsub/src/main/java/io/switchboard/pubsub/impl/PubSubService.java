package io.switchboard.pubsub.impl;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.osgi.service.component.annotations.Activate;
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
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.api.pubsub.AccessDecision;
import io.switchboard.api.pubsub.EventPublisher;
import io.switchboard.api.pubsub.NodeAccessPolicy;
import io.switchboard.api.pubsub.PubSubStore;
import io.switchboard.api.pubsub.PublisherGrant;
import io.switchboard.api.pubsub.ServerSubscriptions;
import io.switchboard.api.pubsub.StoreException;
import io.switchboard.api.routing.Router;

/**
 * The XEP-0060 service, mounted at {@code pubsub.<domain>}: discovery, subscribe, unsubscribe,
 * retrieve subscriptions and items; event sources publish through {@link EventPublisher}.
 */
@Component(service = {org.xmpp.component.Component.class, EventPublisher.class, ServerSubscriptions.class},
        property = {Router.COMPONENT_SUBDOMAIN + "=pubsub",
                "osgi.command.scope=switchboard", "osgi.command.function=nodes", "osgi.command.function=publish"})
public class PubSubService implements org.xmpp.component.Component, EventPublisher, ServerSubscriptions {

    static final String NS = "http://jabber.org/protocol/pubsub";
    static final String EVENT_NS = NS + "#event";
    static final String ERRORS_NS = NS + "#errors";
    static final String OWNER_NS = NS + "#owner";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    private static final Logger LOG = LoggerFactory.getLogger(PubSubService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, LeafNode> nodes = new ConcurrentHashMap<>();

    /** Who may subscribe and read: the highest-ranked policy now; none means nobody. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NodeAccessPolicy accessPolicy;

    /** Where every change goes before it is acknowledged; read back when the service starts. */
    @Reference
    private PubSubStore store;

    /** Counts published items and the notifications they make, when a metrics bundle offers a registry. */
    private volatile Meters meters;

    /** The meters, looked up once per registry rather than once per publish. */
    private record Meters(MeterRegistry registry, Counter viaXmpp, Counter viaEventSource, Counter notifications, Timer fanout) {

        Meters(MeterRegistry registry) {
            this(registry,
                    registry.counter("switchboard.pubsub.published", "via", "xmpp"),
                    registry.counter("switchboard.pubsub.published", "via", "event-source"),
                    registry.counter("switchboard.pubsub.notifications"),
                    Timer.builder("switchboard.pubsub.fanout").description("From publish to every notification handed to the router")
                            .publishPercentileHistogram().register(registry));
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindMeterRegistry(MeterRegistry registry) {
        meters = new Meters(registry);
    }

    void unbindMeterRegistry(MeterRegistry registry) {
        Meters current = meters;
        if (current != null && current.registry() == registry) {
            meters = null;
        }
    }

    /** Who besides a node's owner may publish to it (external event sources). */
    private final List<PublisherGrant> publisherGrants = new CopyOnWriteArrayList<>();
    private volatile ComponentManager manager;
    private volatile JID address;
    private final Notifications notifications = new Notifications(() -> address);

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
            List<Packet> then = new ArrayList<>(); // notifications that follow the answer
            IQ answer;
            try {
                answer = answer(iq, then);
            } catch (PubSubError e) {
                answer = e.toReply(iq);
                then.clear();
            }
            send(answer);
            long start = System.nanoTime();
            then.forEach(this::send);
            if (answer.getType() == IQ.Type.result && isPublish(iq)) {
                counted(true, then.size(), System.nanoTime() - start);
            }
        }
        // messages, presences and answers to us carry nothing this service acts on
    }

    private static boolean isPublish(IQ request) {
        Element child = request.getChildElement();
        return child != null && NS.equals(child.getNamespaceURI()) && child.element("publish") != null;
    }

    private IQ answer(IQ request, List<Packet> then) throws PubSubError {
        Element child = request.getChildElement();
        String namespace = child == null ? "" : child.getNamespaceURI();
        boolean get = request.getType() == IQ.Type.get;
        if (DISCO_INFO.equals(namespace) && get) {
            return discoInfo(request, child.attributeValue("node"));
        }
        if (DISCO_ITEMS.equals(namespace) && get) {
            return discoItems(request, child.attributeValue("node"));
        }
        if (!NS.equals(namespace) && !OWNER_NS.equals(namespace)) {
            throw new PubSubError(PacketError.Condition.service_unavailable);
        }
        Element action = child.elements().isEmpty() ? null : child.elements().get(0);
        if (action == null) {
            throw new PubSubError(PacketError.Condition.bad_request);
        }
        String verb = action.getName();
        if (OWNER_NS.equals(namespace)) {
            if (!get && "delete".equals(verb)) {
                return delete(request, action, then);
            }
            if (!get && "purge".equals(verb)) {
                return purge(request, action, then);
            }
            throw PubSubError.unsupported(verb);
        }
        if (!get && "create".equals(verb)) {
            return create(request, action, child.element("configure"));
        }
        if (!get && "publish".equals(verb)) {
            return publish(request, action, then);
        }
        if (!get && "retract".equals(verb)) {
            return retract(request, action, then);
        }
        if (!get && "subscribe".equals(verb)) {
            return subscribe(request, action, then);
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

    /** For unit tests: what field injection and activation do at runtime. */
    void setStore(PubSubStore store) {
        this.store = store;
        activate();
    }

    /** Reads back what the store kept: the nodes, their subscriptions and items, as they were. */
    @Activate
    void activate() {
        int items = 0;
        for (PubSubStore.StoredNode stored : store.load()) {
            LeafNode node = new LeafNode(stored.name(), stored.owner() == null ? null : new JID(stored.owner()),
                    new LeafNode.Options(stored.maxItems(), stored.sendLastPublishedItem()));
            stored.subscriptions().forEach(subscription -> node.subscribe(new JID(subscription.jid()), subscription.subid()));
            List<PubSubStore.StoredItem> newestFirst = stored.items();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                node.add(new LeafNode.Item(newestFirst.get(i).id(), StoredPayloads.parse(newestFirst.get(i).payload())));
            }
            items += newestFirst.size();
            nodes.put(node.name(), node);
        }
        LOG.info("Publish-subscribe: {} nodes and {} items read back from the store", nodes.size(), items);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPublisherGrant(PublisherGrant grant) {
        publisherGrants.add(grant);
    }

    void removePublisherGrant(PublisherGrant grant) {
        publisherGrants.remove(grant);
    }

    private IQ subscribe(IQ request, Element subscribe, List<Packet> then) throws PubSubError {
        LeafNode node = node(subscribe);
        JID jid = subscriberJid(subscribe, request);
        checkAccess(request.getFrom(), node);
        LeafNode.Subscription subscription = node.subscription(jid);
        if (subscription == null) {
            String subid = randomId(8);
            durably(() -> store.saveSubscription(node.name(), new PubSubStore.StoredSubscription(jid.toString(), subid)));
            subscription = node.subscribe(jid, subid);
        }
        LOG.debug("{} subscribed to {}", jid, node.name());
        if (node.options().sendLastPublishedItem()) {
            node.latest(1).forEach(last -> then.add(notifications.item(node.name(), last, jid)));
        }
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
        LeafNode.Subscription subscription = node.subscription(jid);
        if (subscription == null) {
            throw new PubSubError(PacketError.Condition.unexpected_request, "not-subscribed");
        }
        // one subscription per JID, so a subid is optional; one that is given must be this one's (XEP-0060 6.2.3.5)
        String subid = unsubscribe.attributeValue("subid");
        if (subid != null && !subid.equals(subscription.subid())) {
            throw new PubSubError(PacketError.Condition.not_acceptable, "invalid-subid");
        }
        durably(() -> store.deleteSubscription(node.name(), jid.toString()));
        node.unsubscribe(jid);
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
        List<LeafNode.Item> found = new ArrayList<>();
        List<Element> asked = items.elements("item");
        if (asked.isEmpty()) {
            found.addAll(node.latest(max));
        } else {
            for (Element item : asked) {
                LeafNode.Item stored = node.item(item.attributeValue("id"));
                if (stored != null) {
                    found.add(stored);
                }
            }
        }
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", NS).addElement("items").addAttribute("node", node.name());
        for (LeafNode.Item item : found) {
            list.addElement("item").addAttribute("id", item.id()).add(item.payload().createCopy());
        }
        return result;
    }

    // ---- what owners do (XEP-0060 sections 7 and 8) ------------------------------------------------

    /** Creates a leaf node owned by the requester; instant nodes (no name) are not offered. */
    private IQ create(IQ request, Element create, Element configure) throws PubSubError {
        String name = create.attributeValue("node");
        if (name == null || name.isEmpty()) {
            throw new PubSubError(PacketError.Condition.not_acceptable, "nodeid-required");
        }
        NodeAccessPolicy policy = accessPolicy;
        AccessDecision decision = policy == null
                ? AccessDecision.denied(PacketError.Condition.forbidden, "no access policy is installed")
                : policy.create(request.getFrom(), name);
        if (!decision.isAllowed()) {
            throw PubSubError.denied(decision.condition(), decision.reason());
        }
        LeafNode.Options options = NodeConfiguration.read(configure);
        LeafNode created = new LeafNode(name, request.getFrom(), options);
        if (nodes.containsKey(name)) {
            throw new PubSubError(PacketError.Condition.conflict);
        }
        durably(() -> store.saveNode(created.stored()));
        if (nodes.putIfAbsent(name, created) != null) {
            throw new PubSubError(PacketError.Condition.conflict);
        }
        LOG.debug("{} created {}", request.getFrom(), name);
        return IQ.createResultIQ(request);
    }

    private IQ publish(IQ request, Element publish, List<Packet> then) throws PubSubError {
        LeafNode node = publishableNode(publish, request);
        Element item = publish.element("item");
        if (item == null) {
            throw new PubSubError(PacketError.Condition.bad_request, "item-required");
        }
        if (item.elements().size() != 1) {
            throw new PubSubError(PacketError.Condition.bad_request, "invalid-payload");
        }
        String id = item.attributeValue("id") == null || item.attributeValue("id").isEmpty()
                ? randomId(8) : item.attributeValue("id");
        LeafNode.Item published = new LeafNode.Item(id, item.elements().get(0));
        durably(() -> store.saveItem(node.name(), published.stored(), node.options().maxItems()));
        node.add(published);
        for (JID recipient : node.recipients()) {
            then.add(notifications.item(node.name(), published, recipient));
        }
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("pubsub", NS).addElement("publish").addAttribute("node", node.name())
                .addElement("item").addAttribute("id", id);
        return result;
    }

    private IQ retract(IQ request, Element retract, List<Packet> then) throws PubSubError {
        LeafNode node = publishableNode(retract, request);
        Element item = retract.element("item");
        String id = item == null ? null : item.attributeValue("id");
        if (id == null || id.isEmpty()) {
            throw new PubSubError(PacketError.Condition.bad_request, "item-required");
        }
        if (node.item(id) == null) {
            throw new PubSubError(PacketError.Condition.item_not_found);
        }
        durably(() -> store.deleteItem(node.name(), id));
        node.retract(id);
        String notify = retract.attributeValue("notify");
        if ("true".equals(notify) || "1".equals(notify)) {
            node.recipients().forEach(recipient -> then.add(notifications.retract(node.name(), id, recipient)));
        }
        return IQ.createResultIQ(request);
    }

    private IQ delete(IQ request, Element delete, List<Packet> then) throws PubSubError {
        LeafNode node = ownedNode(delete, request);
        durably(() -> store.deleteNode(node.name()));
        nodes.remove(node.name(), node);
        node.recipients().forEach(recipient -> then.add(notifications.deleted(node.name(), recipient)));
        return IQ.createResultIQ(request);
    }

    private IQ purge(IQ request, Element purge, List<Packet> then) throws PubSubError {
        LeafNode node = ownedNode(purge, request);
        durably(() -> store.purge(node.name()));
        node.purge();
        node.recipients().forEach(recipient -> then.add(notifications.purged(node.name(), recipient)));
        return IQ.createResultIQ(request);
    }

    /** Makes a change durable before it is made in memory and acknowledged; a store that fails refuses the request. */
    private static void durably(Runnable change) throws PubSubError {
        try {
            change.run();
        } catch (StoreException e) {
            LOG.error("Publish-subscribe: a change could not be stored; the request is refused", e);
            throw new PubSubError(PacketError.Condition.internal_server_error);
        }
    }

    /** The node the action names, when the requester owns it; forbidden otherwise (XEP-0060 7.1.3.1). */
    private LeafNode ownedNode(Element action, IQ request) throws PubSubError {
        LeafNode node = node(action);
        if (!node.isOwner(request.getFrom())) {
            throw PubSubError.denied(PacketError.Condition.forbidden, "only the node's owner may do this");
        }
        return node;
    }

    /** The node, when the sender owns it or a {@link PublisherGrant} lets it publish there. */
    private LeafNode publishableNode(Element action, IQ request) throws PubSubError {
        LeafNode node = node(action);
        if (!node.isOwner(request.getFrom())
                && publisherGrants.stream().noneMatch(grant -> grant.mayPublish(request.getFrom(), node.name()))) {
            throw PubSubError.denied(PacketError.Condition.forbidden, "only the node's owner or a granted publisher may do this");
        }
        return node;
    }

    private IQ discoInfo(IQ request, String nodeName) throws PubSubError {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", DISCO_INFO);
        if (nodeName == null) {
            query.addElement("identity").addAttribute("category", "pubsub").addAttribute("type", "service")
                    .addAttribute("name", getName());
            for (String feature : List.of(DISCO_INFO, DISCO_ITEMS, NS, NS + "#subscribe", NS + "#retrieve-subscriptions",
                    NS + "#retrieve-items", NS + "#create-nodes", NS + "#publish", NS + "#retract-items",
                    NS + "#delete-nodes", NS + "#purge-nodes", NS + "#config-node", NS + "#last-published")) {
                query.addElement("feature").addAttribute("var", feature);
            }
        } else {
            LeafNode node = nodes.get(nodeName);
            if (node == null) {
                throw new PubSubError(PacketError.Condition.item_not_found);
            }
            query.addAttribute("node", nodeName);
            query.addElement("identity").addAttribute("category", "pubsub").addAttribute("type", "leaf");
            query.addElement("feature").addAttribute("var", NS);
            metadata(query, node);
        }
        return result;
    }

    /** XEP-0060 5.4: the node's meta-data as a data form in its disco#info. */
    private static void metadata(Element query, LeafNode node) {
        Element form = query.addElement(QName.get("x", NodeConfiguration.DATA_FORMS)).addAttribute("type", "result");
        field(form, "FORM_TYPE", NS + "#meta-data").addAttribute("type", "hidden");
        if (!"server".equals(node.ownerName())) {
            field(form, "pubsub#owner", node.ownerName());
        }
        field(form, "pubsub#num_subscribers", String.valueOf(node.subscriptions().size()));
    }

    private static Element field(Element form, String var, String value) {
        Element field = form.addElement("field").addAttribute("var", var);
        field.addElement("value").setText(value);
        return field;
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

    // ---- EventPublisher and ServerSubscriptions -------------------------------------------------------------------------

    @Override
    public void createNode(String node) {
        serverNode(node);
    }

    /** The node, created as one of the server's own when missing. */
    private LeafNode serverNode(String node) {
        return nodes.computeIfAbsent(node, name -> {
            LeafNode created = new LeafNode(name);
            store.saveNode(created.stored());
            return created;
        });
    }

    @Override
    public String publish(String nodeName, Element payload) {
        LeafNode node = nodes.get(nodeName);
        if (node == null) {
            throw new IllegalArgumentException("no such node: " + nodeName);
        }
        String itemId = randomId(8);
        LeafNode.Item published = new LeafNode.Item(itemId, payload);
        store.saveItem(nodeName, published.stored(), node.options().maxItems());
        node.add(published);
        long start = System.nanoTime();
        List<JID> recipients = node.recipients();
        for (JID recipient : recipients) {
            send(notifications.item(nodeName, published, recipient));
        }
        counted(false, recipients.size(), System.nanoTime() - start);
        return itemId;
    }

    @Override
    public String subscribe(String nodeName, JID subscriber) {
        LeafNode node = serverNode(nodeName);
        LeafNode.Subscription existing = node.subscription(subscriber);
        if (existing != null) {
            return existing.subid();
        }
        String subid = randomId(8);
        store.saveSubscription(nodeName, new PubSubStore.StoredSubscription(subscriber.toString(), subid));
        LOG.debug("{} subscribed to {} by the server", subscriber, nodeName);
        return node.subscribe(subscriber, subid).subid();
    }

    /** One item published, its notifications handed to the router in this many nanoseconds. */
    private void counted(boolean viaXmpp, int notified, long nanos) {
        Meters current = meters;
        if (current != null) {
            (viaXmpp ? current.viaXmpp() : current.viaEventSource()).increment();
            current.notifications().increment(notified);
            current.fanout().record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    // ---- Gogo commands ------------------------------------------------------------------------------

    /** nodes: one line per node: name, owner (or "server"), subscriptions, items kept. */
    public String nodes() {
        String lines = nodes.values().stream().sorted(Comparator.comparing(LeafNode::name))
                .map(node -> node.name() + "  " + node.ownerName() + "  " + node.subscriptions().size() + " subscribers  "
                        + node.itemCount() + " items")
                .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? "No nodes" : lines;
    }

    /** publish NODE TEXT: publishes {@code <notification xmlns=pubsub>TEXT</notification>}, as Finesse events are. */
    public String publish(String node, String text) {
        if (!nodes.containsKey(node)) {
            return "No node " + node;
        }
        Element notification = DocumentHelper.createElement(QName.get("notification", NS));
        notification.setText(text);
        return "Published item " + publish(node, notification) + " to " + nodes.get(node).subscriptions().size() + " subscribers";
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
