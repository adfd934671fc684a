package io.switchboard.pubsub.impl;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.api.pubsub.AccessDecision;
import io.switchboard.api.pubsub.EventPublisher;
import io.switchboard.api.pubsub.NodeAccessPolicy;
import io.switchboard.api.pubsub.NodeActivity;
import io.switchboard.api.pubsub.PubSubStore;
import io.switchboard.api.pubsub.PublisherGrant;
import io.switchboard.api.pubsub.ServerSubscriptions;
import io.switchboard.api.pubsub.StoreException;
import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.Rosters;
import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.SharedPayload;

/**
 * The XEP-0060 service, mounted at {@code pubsub.<domain>}: discovery, the entity use cases
 * (subscribe, unsubscribe, options, subscriptions, affiliations, items), the publisher's and the
 * owner's (create, configure, publish, retract, purge, delete, manage subscriptions and
 * affiliations, approve pending subscriptions), with the five access models; event sources
 * publish through {@link EventPublisher}.
 */
@Component(service = {org.xmpp.component.Component.class, EventPublisher.class, ServerSubscriptions.class, NodeActivity.class},
        configurationPid = PubSubService.PID, property = {Router.COMPONENT_SUBDOMAIN + "=pubsub",
                "osgi.command.scope=switchboard", "osgi.command.function=nodes", "osgi.command.function=publish"})
@Designate(ocd = PubSubConfiguration.class)
public class PubSubService implements org.xmpp.component.Component, EventPublisher, ServerSubscriptions, NodeActivity {

    static final String PID = "io.switchboard.pubsub";

    static final String NS = "http://jabber.org/protocol/pubsub";
    static final String EVENT_NS = NS + "#event";
    static final String ERRORS_NS = NS + "#errors";
    static final String OWNER_NS = NS + "#owner";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    private static final Logger LOG = LoggerFactory.getLogger(PubSubService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, LeafNode> nodes = new ConcurrentHashMap<>();

    /** When each node was last published to since the service started, for operators (NodeActivity). */
    private final Map<String, Instant> lastPublished = new ConcurrentHashMap<>();

    /**
     * Held while a request changes a node, so that a check and the change it allows (a
     * subscription, a configuration, an approval) are not interleaved with another on that node.
     * One lock per stripe of node names, not one for all: changes to different nodes (each desktop
     * subscribing to its own at login) reach the store side by side, where its group commit joins
     * them. Reads, and event sources' publishes, do not wait for it.
     */
    private final ReentrantLock[] changeLocks = IntStream.range(0, 64).mapToObj(stripe -> new ReentrantLock())
            .toArray(ReentrantLock[]::new);

    /** The configuration of nodes created without one (configured; see PubSubConfiguration). */
    private volatile NodeConfig defaults = NodeConfig.DEFAULT;

    /** Who may subscribe and read: the highest-ranked policy now; none means nobody. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NodeAccessPolicy accessPolicy;

    /** Where every change goes before it is acknowledged; read back when the service starts. */
    @Reference
    private PubSubStore store;

    /** The owners' rosters, for the presence and roster access models; without it both deny. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Rosters rosters;

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
    private final FanOut fanOut = FanOut.perProcessor();

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
            ReentrantLock change = iq.getType() == IQ.Type.set ? changesTo(nodeOf(iq)) : null;
            if (change != null) {
                change.lock();
            }
            try {
                answer = answer(iq, then);
            } catch (PubSubError e) {
                answer = e.toReply(iq);
                then.clear();
            } finally {
                if (change != null) {
                    change.unlock();
                }
            }
            send(answer);
            long start = System.nanoTime();
            fanOut.send(then, this::send);
            if (answer.getType() == IQ.Type.result && isPublish(iq)) {
                counted(true, then.size(), System.nanoTime() - start);
            }
        } else if (packet instanceof Message message && message.getType() != Message.Type.error) {
            Map<String, String> form = authorizationForm(message);
            if (form != null) {
                ReentrantLock change = changesTo(form.get("pubsub#node"));
                change.lock();
                try {
                    authorize(message, form);
                } finally {
                    change.unlock();
                }
            }
        }
        // presences and answers to us carry nothing this service acts on
    }

    private ReentrantLock changesTo(String node) {
        return changeLocks[Math.floorMod(Objects.hashCode(node), changeLocks.length)];
    }

    /** The node a request acts on: its action's (subscribe, publish, configure, …) node attribute. */
    private static String nodeOf(IQ request) {
        Element child = request.getChildElement();
        Element action = child == null || child.elements().isEmpty() ? null : child.elements().get(0);
        return action == null ? null : action.attributeValue("node");
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
            return switch ((get ? "get " : "set ") + verb) {
                case "get configure" -> configuration(request, action);
                case "set configure" -> configure(request, action, then);
                case "get default" -> defaultConfiguration(request);
                case "set delete" -> delete(request, action, then);
                case "set purge" -> purge(request, action, then);
                case "get subscriptions" -> ownerSubscriptions(request, action);
                case "set subscriptions" -> manageSubscriptions(request, action, then);
                case "get affiliations" -> ownerAffiliations(request, action);
                case "set affiliations" -> manageAffiliations(request, action);
                default -> throw PubSubError.unsupported(verb);
            };
        }
        return switch ((get ? "get " : "set ") + verb) {
            case "set create" -> create(request, action, child.element("configure"));
            case "set publish" -> publish(request, action, child.element("publish-options"), then);
            case "set retract" -> retract(request, action, then);
            case "set subscribe" -> subscribe(request, action, child.element("options"), then);
            case "set unsubscribe" -> unsubscribe(request, action);
            case "get options" -> options(request, action);
            case "set options" -> setOptions(request, action);
            case "get subscriptions" -> subscriptions(request, action.attributeValue("node"));
            case "get affiliations" -> affiliations(request, action.attributeValue("node"));
            case "get items" -> items(request, action);
            default -> throw PubSubError.unsupported(verb);
        };
    }

    /** For unit tests, which run without DS: what field injection does at runtime. */
    void setAccessPolicy(NodeAccessPolicy policy) {
        this.accessPolicy = policy;
    }

    /** For unit tests, which run without DS: what field injection does at runtime. */
    void setRosters(Rosters rosters) {
        this.rosters = rosters;
    }

    /** For unit tests: what field injection and activation do at runtime. */
    void setStore(PubSubStore store) {
        this.store = store;
        readBack();
    }

    @Activate
    void activate(PubSubConfiguration config) {
        defaults = NodeConfig.defaults(config);
        readBack();
    }

    @Deactivate
    void deactivate() {
        fanOut.close();
    }

    /** Reads back what the store kept: the nodes, their configuration, affiliations, subscriptions and items. */
    private void readBack() {
        int items = 0;
        for (PubSubStore.StoredNode stored : store.load()) {
            LeafNode node = new LeafNode(stored.name(), null, NodeConfig.of(stored.configuration()));
            stored.affiliations().forEach((jid, affiliation) -> {
                LeafNode.Affiliation known = LeafNode.Affiliation.of(affiliation);
                if (known != null) {
                    node.affiliate(new JID(jid), known);
                }
            });
            stored.subscriptions().forEach(subscription -> node.put(LeafNode.Subscription.of(subscription)));
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

    // ---- what entities do (XEP-0060 sections 5 and 6) -----------------------------------------------

    private IQ subscribe(IQ request, Element subscribe, Element options, List<Packet> then) throws PubSubError {
        LeafNode node = node(subscribe);
        JID jid = subscriberJid(subscribe, request);
        LeafNode.Subscription existing = node.subscription(jid);
        if (existing != null && existing.pending()) {
            throw PubSubError.of(PacketError.Condition.not_authorized, "pending-subscription",
                    "the node's owner has not yet approved the subscription"); // 6.1.3.7
        }
        checkAccess(request.getFrom(), node, true);
        LeafNode.Subscription subscription = existing;
        if (subscription == null) {
            LeafNode.Affiliation affiliation = node.affiliation(jid);
            boolean pending = node.config().accessModel() == NodeConfig.AccessModel.AUTHORIZE
                    && affiliation != LeafNode.Affiliation.OWNER && affiliation != LeafNode.Affiliation.PUBLISHER;
            subscription = SubscribeOptions.read(new LeafNode.Subscription(jid, randomId(8), pending, true), options);
            LeafNode.Subscription made = subscription;
            durably(() -> store.saveSubscription(node.name(), made.stored()));
            node.put(subscription);
            if (pending) {
                node.owners().forEach(owner -> then.add(notifications.authorizationRequest(node.name(), made, owner)));
            }
        } else if (options != null) {
            LeafNode.Subscription changed = SubscribeOptions.read(existing, options);
            durably(() -> store.saveSubscription(node.name(), changed.stored()));
            node.put(changed);
            subscription = changed;
        }
        LOG.debug("{} subscribed to {} ({})", jid, node.name(), subscription.state());
        if (!subscription.pending() && node.config().sendsLastOnSubscribe()) {
            boolean payloads = node.config().deliverPayloads();
            node.latest(1).forEach(last -> then.add(notifications.item(notifications.published(node.name(), last, payloads), jid)));
        }
        IQ result = IQ.createResultIQ(request);
        subscriptionElement(result.setChildElement("pubsub", NS), node, subscription);
        return result;
    }

    private static Element subscriptionElement(Element parent, LeafNode node, LeafNode.Subscription subscription) {
        return parent.addElement("subscription")
                .addAttribute("node", node.name())
                .addAttribute("jid", subscription.jid().toString())
                .addAttribute("subid", subscription.subid())
                .addAttribute("subscription", subscription.state());
    }

    private IQ unsubscribe(IQ request, Element unsubscribe) throws PubSubError {
        LeafNode node = node(unsubscribe);
        LeafNode.Subscription subscription = ownSubscription(node, unsubscribe, request);
        durably(() -> store.deleteSubscription(node.name(), subscription.jid().toString()));
        node.unsubscribe(subscription.jid());
        return IQ.createResultIQ(request);
    }

    /**
     * The requester's subscription that an unsubscribe or options request names (6.2.3, 6.3.4):
     * {@code forbidden} for someone else's JID, {@code unexpected-request} with {@code not-subscribed}
     * when there is none, {@code not-acceptable} with {@code invalid-subid} for another subid. One
     * subscription per JID, so a subid is never required.
     */
    private static LeafNode.Subscription ownSubscription(LeafNode node, Element action, IQ request) throws PubSubError {
        JID jid = parseJid(action.attributeValue("jid"));
        if (!jid.asBareJID().equals(request.getFrom().asBareJID())) {
            throw PubSubError.denied(PacketError.Condition.forbidden, "only the subscriber may do this");
        }
        LeafNode.Subscription subscription = node.subscription(jid);
        if (subscription == null) {
            throw new PubSubError(PacketError.Condition.unexpected_request, "not-subscribed");
        }
        String subid = action.attributeValue("subid");
        if (subid != null && !subid.equals(subscription.subid())) {
            throw new PubSubError(PacketError.Condition.not_acceptable, "invalid-subid");
        }
        return subscription;
    }

    private IQ options(IQ request, Element options) throws PubSubError {
        LeafNode node = node(options);
        LeafNode.Subscription subscription = ownSubscription(node, options, request);
        IQ result = IQ.createResultIQ(request);
        Element answer = result.setChildElement("pubsub", NS).addElement("options")
                .addAttribute("node", node.name()).addAttribute("jid", subscription.jid().toString())
                .addAttribute("subid", subscription.subid());
        answer.add(SubscribeOptions.form(subscription));
        return result;
    }

    private IQ setOptions(IQ request, Element options) throws PubSubError {
        LeafNode node = node(options);
        LeafNode.Subscription subscription = ownSubscription(node, options, request);
        if (options.element(QName.get("x", NodeConfig.DATA_FORMS)) == null) {
            throw PubSubError.of(PacketError.Condition.bad_request, "invalid-options", "the options form is missing");
        }
        LeafNode.Subscription changed = SubscribeOptions.read(subscription, options);
        durably(() -> store.saveSubscription(node.name(), changed.stored()));
        node.put(changed);
        return IQ.createResultIQ(request);
    }

    private IQ subscriptions(IQ request, String only) throws PubSubError {
        if (only != null && !nodes.containsKey(only)) {
            throw new PubSubError(PacketError.Condition.item_not_found);
        }
        JID requester = request.getFrom().asBareJID();
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", NS).addElement("subscriptions");
        for (LeafNode node : sorted()) {
            if (only != null && !only.equals(node.name())) {
                continue;
            }
            for (LeafNode.Subscription subscription : node.subscriptions()) {
                if (subscription.jid().asBareJID().equals(requester)) {
                    subscriptionElement(list, node, subscription);
                }
            }
        }
        return result;
    }

    /** XEP-0060 5.7: the requester's own affiliations, with every node or one. */
    private IQ affiliations(IQ request, String only) throws PubSubError {
        if (only != null && !nodes.containsKey(only)) {
            throw new PubSubError(PacketError.Condition.item_not_found);
        }
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", NS).addElement("affiliations");
        for (LeafNode node : sorted()) {
            LeafNode.Affiliation affiliation = node.affiliation(request.getFrom());
            if ((only == null || only.equals(node.name())) && affiliation != LeafNode.Affiliation.NONE) {
                list.addElement("affiliation").addAttribute("node", node.name()).addAttribute("affiliation", affiliation.value());
            }
        }
        return result;
    }

    private List<LeafNode> sorted() {
        return nodes.values().stream().sorted(Comparator.comparing(LeafNode::name)).toList();
    }

    private IQ items(IQ request, Element items) throws PubSubError {
        LeafNode node = node(items);
        checkAccess(request.getFrom(), node, false);
        String subid = items.attributeValue("subid");
        if (subid != null && node.subscriptions().stream().noneMatch(subscription -> subid.equals(subscription.subid())
                && subscription.jid().asBareJID().equals(request.getFrom().asBareJID()))) {
            throw new PubSubError(PacketError.Condition.not_acceptable, "invalid-subid"); // 6.5.9.2
        }
        if (!node.config().persistItems()) {
            throw PubSubError.unsupported("persistent-items"); // 6.5.9.x: a node that keeps no items
        }
        int max = Integer.MAX_VALUE;
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

    // ---- what publishers and owners do (XEP-0060 sections 7 and 8) ---------------------------------

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
        NodeConfig config = NodeConfig.read(defaults, configure);
        LeafNode created = new LeafNode(name, request.getFrom(), config);
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

    /** XEP-0060 8.2: the configuration form of a node the requester owns. */
    private IQ configuration(IQ request, Element configure) throws PubSubError {
        LeafNode node = ownedNode(configure, request);
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("pubsub", OWNER_NS).addElement("configure").addAttribute("node", node.name())
                .add(node.config().form());
        return result;
    }

    private IQ configure(IQ request, Element configure, List<Packet> then) throws PubSubError {
        LeafNode node = ownedNode(configure, request);
        Element form = configure.element(QName.get("x", NodeConfig.DATA_FORMS));
        if (form == null) {
            throw PubSubError.denied(PacketError.Condition.bad_request, "the configuration form is missing");
        }
        if ("cancel".equals(form.attributeValue("type"))) {
            return IQ.createResultIQ(request); // 8.2.6: nothing changes
        }
        NodeConfig changed = NodeConfig.read(node.config(), configure);
        PubSubStore.StoredNode stored = node.stored();
        durably(() -> store.saveNode(new PubSubStore.StoredNode(node.name(), changed.fields(), stored.affiliations(),
                List.of(), List.of())));
        if (changed.maxItems() < node.itemCount() || (!changed.persistItems() && node.config().persistItems())) {
            // the store keeps what the node keeps: the newest max_items, none when items are no longer persisted
            List<LeafNode.Item> kept = changed.persistItems() ? node.latest(changed.maxItems()) : List.of();
            durably(() -> {
                store.purge(node.name());
                for (int i = kept.size() - 1; i >= 0; i--) {
                    store.saveItem(node.name(), kept.get(i).stored(), changed.maxItems());
                }
            });
            if (!changed.persistItems()) {
                node.purge();
            }
        }
        node.configure(changed);
        if (changed.notifyConfig()) {
            node.recipients().forEach(recipient -> then.add(notifications.configured(node.name(), recipient)));
        }
        return IQ.createResultIQ(request);
    }

    /** XEP-0060 8.3: the configuration a new node gets. */
    private IQ defaultConfiguration(IQ request) {
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("pubsub", OWNER_NS).addElement("default").add(defaults.form());
        return result;
    }

    private IQ publish(IQ request, Element publish, Element publishOptions, List<Packet> then) throws PubSubError {
        LeafNode node = publishableNode(publish, request);
        if (publishOptions != null && !publishOptions.elements().isEmpty()) {
            throw PubSubError.unsupported("publish-options");
        }
        Element item = publish.element("item");
        if (item == null) {
            throw new PubSubError(PacketError.Condition.bad_request, "item-required");
        }
        if (item.elements().isEmpty()) {
            throw new PubSubError(PacketError.Condition.bad_request, "payload-required");
        }
        if (item.elements().size() != 1) {
            throw new PubSubError(PacketError.Condition.bad_request, "invalid-payload");
        }
        String id = item.attributeValue("id") == null || item.attributeValue("id").isEmpty()
                ? randomId(8) : item.attributeValue("id");
        LeafNode.Item published = new LeafNode.Item(id, item.elements().get(0));
        NodeConfig config = node.config();
        if (config.persistItems()) {
            durably(() -> store.saveItem(node.name(), published.stored(), config.maxItems()));
            node.add(published);
        }
        then.addAll(notificationsOf(node, published));
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("pubsub", NS).addElement("publish").addAttribute("node", node.name())
                .addElement("item").addAttribute("id", id);
        return result;
    }

    private IQ retract(IQ request, Element retract, List<Packet> then) throws PubSubError {
        LeafNode node = publishableNode(retract, request);
        if (!node.config().persistItems()) {
            throw PubSubError.unsupported("persistent-items"); // 7.2.3.x
        }
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
        if ("true".equals(notify) || "1".equals(notify) || node.config().notifyRetract()) {
            node.recipients().forEach(recipient -> then.add(notifications.retract(node.name(), id, recipient)));
        }
        return IQ.createResultIQ(request);
    }

    private IQ delete(IQ request, Element delete, List<Packet> then) throws PubSubError {
        LeafNode node = ownedNode(delete, request);
        if (delete.element("redirect") != null) {
            throw PubSubError.unsupported("delete-nodes"); // no redirect URIs
        }
        durably(() -> store.deleteNode(node.name()));
        nodes.remove(node.name(), node);
        lastPublished.remove(node.name());
        if (node.config().notifyDelete()) {
            node.recipients().forEach(recipient -> then.add(notifications.deleted(node.name(), recipient)));
        }
        return IQ.createResultIQ(request);
    }

    private IQ purge(IQ request, Element purge, List<Packet> then) throws PubSubError {
        LeafNode node = ownedNode(purge, request);
        if (!node.config().persistItems()) {
            throw PubSubError.unsupported("persistent-items"); // 8.5.3.2
        }
        durably(() -> store.purge(node.name()));
        node.purge();
        node.recipients().forEach(recipient -> then.add(notifications.purged(node.name(), recipient)));
        return IQ.createResultIQ(request);
    }

    /** XEP-0060 8.8.1: every subscription of a node the requester owns. */
    private IQ ownerSubscriptions(IQ request, Element subscriptions) throws PubSubError {
        LeafNode node = ownedNode(subscriptions, request);
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", OWNER_NS).addElement("subscriptions").addAttribute("node", node.name());
        node.subscriptions().stream().sorted(Comparator.comparing(subscription -> subscription.jid().toString()))
                .forEach(subscription -> list.addElement("subscription")
                        .addAttribute("jid", subscription.jid().toString())
                        .addAttribute("subscription", subscription.state())
                        .addAttribute("subid", subscription.subid()));
        return result;
    }

    /**
     * XEP-0060 8.8.2: the owner sets subscriptions: {@code subscribed} makes or approves one,
     * {@code none} removes it; the subscriber is told. Every entry is checked before any is applied.
     */
    private IQ manageSubscriptions(IQ request, Element subscriptions, List<Packet> then) throws PubSubError {
        LeafNode node = ownedNode(subscriptions, request);
        Map<JID, String> changes = new LinkedHashMap<>();
        for (Element entry : subscriptions.elements("subscription")) {
            JID jid = parseJid(entry.attributeValue("jid"));
            String state = entry.attributeValue("subscription");
            if (!"subscribed".equals(state) && !"none".equals(state)) {
                throw PubSubError.denied(PacketError.Condition.bad_request, "a subscription is 'subscribed' or 'none'");
            }
            LeafNode.Subscription existing = node.subscription(jid);
            String subid = entry.attributeValue("subid");
            if (existing != null && subid != null && !subid.equals(existing.subid())) {
                throw new PubSubError(PacketError.Condition.not_acceptable, "invalid-subid");
            }
            changes.put(jid, state);
        }
        for (Map.Entry<JID, String> change : changes.entrySet()) {
            JID jid = change.getKey();
            LeafNode.Subscription existing = node.subscription(jid);
            if ("none".equals(change.getValue())) {
                if (existing != null) {
                    durably(() -> store.deleteSubscription(node.name(), jid.toString()));
                    node.unsubscribe(jid);
                    then.add(notifications.subscriptionState(node.name(), jid, existing.subid(), "none"));
                }
            } else if (existing == null || existing.pending()) {
                LeafNode.Subscription subscribed = existing == null ? new LeafNode.Subscription(jid, randomId(8))
                        : new LeafNode.Subscription(jid, existing.subid(), false, existing.deliver());
                durably(() -> store.saveSubscription(node.name(), subscribed.stored()));
                node.put(subscribed);
                then.add(notifications.subscriptionState(node.name(), jid, subscribed.subid(), "subscribed"));
            }
        }
        return IQ.createResultIQ(request);
    }

    /** XEP-0060 8.9.1: every affiliation with a node the requester owns. */
    private IQ ownerAffiliations(IQ request, Element affiliations) throws PubSubError {
        LeafNode node = ownedNode(affiliations, request);
        IQ result = IQ.createResultIQ(request);
        Element list = result.setChildElement("pubsub", OWNER_NS).addElement("affiliations").addAttribute("node", node.name());
        node.affiliations().entrySet().stream().sorted(Comparator.comparing(entry -> entry.getKey().toString()))
                .forEach(entry -> list.addElement("affiliation").addAttribute("jid", entry.getKey().toString())
                        .addAttribute("affiliation", entry.getValue().value()));
        return result;
    }

    /**
     * XEP-0060 8.9.2: the owner sets affiliations (owner, publisher, member, outcast, none). An
     * outcast loses its subscriptions; a change that would leave the node without an owner is
     * {@code not-acceptable}. Every entry is checked before any is applied.
     */
    private IQ manageAffiliations(IQ request, Element affiliations) throws PubSubError {
        LeafNode node = ownedNode(affiliations, request);
        Map<JID, LeafNode.Affiliation> changes = new LinkedHashMap<>();
        for (Element entry : affiliations.elements("affiliation")) {
            JID jid = parseJid(entry.attributeValue("jid")).asBareJID();
            LeafNode.Affiliation affiliation = LeafNode.Affiliation.of(entry.attributeValue("affiliation"));
            if (affiliation == null) {
                throw PubSubError.denied(PacketError.Condition.bad_request,
                        "an affiliation is owner, publisher, member, outcast or none");
            }
            changes.put(jid, affiliation);
        }
        Map<JID, LeafNode.Affiliation> after = new LinkedHashMap<>(node.affiliations());
        changes.forEach((jid, affiliation) -> after.put(jid, affiliation));
        if (!after.containsValue(LeafNode.Affiliation.OWNER)) {
            throw PubSubError.denied(PacketError.Condition.not_acceptable, "a node keeps at least one owner");
        }
        for (Map.Entry<JID, LeafNode.Affiliation> change : changes.entrySet()) {
            JID jid = change.getKey();
            durably(() -> store.saveAffiliation(node.name(), jid.toString(), change.getValue().value()));
            node.affiliate(jid, change.getValue());
            if (change.getValue() == LeafNode.Affiliation.OUTCAST) {
                for (LeafNode.Subscription subscription : List.copyOf(node.subscriptions())) {
                    if (subscription.jid().asBareJID().equals(jid)) {
                        durably(() -> store.deleteSubscription(node.name(), subscription.jid().toString()));
                        node.unsubscribe(subscription.jid());
                    }
                }
            }
        }
        return IQ.createResultIQ(request);
    }

    /** The fields of an owner's submitted subscription authorization; null for any other message. */
    private static Map<String, String> authorizationForm(Message message) {
        Element form = message.getChildElement("x", NodeConfig.DATA_FORMS);
        if (form == null || !"submit".equals(form.attributeValue("type"))) {
            return null; // a cancelled form, or a message this service has nothing to do with
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element field : form.elements("field")) {
            fields.put(String.valueOf(field.attributeValue("var")), field.elementTextTrim("value"));
        }
        return (NS + "#subscribe_authorization").equals(fields.get("FORM_TYPE")) ? fields : null;
    }

    /**
     * XEP-0060 8.6: an owner's answer to a subscription authorization form. Approval makes the
     * subscription active, denial removes it; either way the subscriber is told.
     */
    private void authorize(Message message, Map<String, String> fields) {
        LeafNode node = fields.get("pubsub#node") == null ? null : nodes.get(fields.get("pubsub#node"));
        if (node == null || !node.isOwner(message.getFrom())) {
            send(errorReply(message, node == null ? PacketError.Condition.item_not_found : PacketError.Condition.forbidden));
            return;
        }
        JID subscriber;
        boolean allow;
        try {
            subscriber = parseJid(fields.get("pubsub#subscriber_jid"));
            allow = NodeConfig.bool("pubsub#allow", fields.get("pubsub#allow"));
        } catch (PubSubError e) {
            send(errorReply(message, PacketError.Condition.bad_request));
            return;
        }
        LeafNode.Subscription pending = node.subscription(subscriber);
        String subid = fields.get("pubsub#subid");
        if (pending == null || !pending.pending() || (subid != null && !subid.equals(pending.subid()))) {
            send(errorReply(message, PacketError.Condition.item_not_found)); // decided already, or never asked
            return;
        }
        try {
            if (allow) {
                LeafNode.Subscription approved = new LeafNode.Subscription(subscriber, pending.subid(), false, pending.deliver());
                durably(() -> store.saveSubscription(node.name(), approved.stored()));
                node.put(approved);
            } else {
                durably(() -> store.deleteSubscription(node.name(), subscriber.toString()));
                node.unsubscribe(subscriber);
            }
        } catch (PubSubError e) {
            send(errorReply(message, PacketError.Condition.internal_server_error));
            return;
        }
        LOG.debug("{} {} the subscription of {} to {}", message.getFrom(), allow ? "approved" : "denied", subscriber, node.name());
        send(notifications.subscriptionState(node.name(), subscriber, pending.subid(), allow ? "subscribed" : "none"));
    }

    private Message errorReply(Message message, PacketError.Condition condition) {
        Message reply = message.createCopy();
        reply.setTo(message.getFrom());
        reply.setFrom(message.getTo());
        reply.setError(condition);
        return reply;
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

    /** The node the action names, when the requester owns it; forbidden otherwise (XEP-0060 7.1.3.1, 8.x). */
    private LeafNode ownedNode(Element action, IQ request) throws PubSubError {
        LeafNode node = node(action);
        if (!node.isOwner(request.getFrom())) {
            throw PubSubError.denied(PacketError.Condition.forbidden, "only the node's owner may do this");
        }
        return node;
    }

    /** The node, when the sender owns it, is one of its publishers or a {@link PublisherGrant} lets it publish there. */
    private LeafNode publishableNode(Element action, IQ request) throws PubSubError {
        LeafNode node = node(action);
        LeafNode.Affiliation affiliation = node.affiliation(request.getFrom());
        boolean allowed = affiliation == LeafNode.Affiliation.OWNER || affiliation == LeafNode.Affiliation.PUBLISHER
                || (affiliation != LeafNode.Affiliation.OUTCAST
                        && publisherGrants.stream().anyMatch(grant -> grant.mayPublish(request.getFrom(), node.name())));
        if (!allowed) {
            throw PubSubError.denied(PacketError.Condition.forbidden, "only the node's owners and publishers may do this");
        }
        return node;
    }

    private IQ discoInfo(IQ request, String nodeName) throws PubSubError {
        IQ result = IQ.createResultIQ(request);
        Element query = result.setChildElement("query", DISCO_INFO);
        if (nodeName == null) {
            query.addElement("identity").addAttribute("category", "pubsub").addAttribute("type", "service")
                    .addAttribute("name", getName());
            query.addElement("feature").addAttribute("var", DISCO_INFO);
            query.addElement("feature").addAttribute("var", DISCO_ITEMS);
            query.addElement("feature").addAttribute("var", NS);
            for (String feature : FEATURES) {
                query.addElement("feature").addAttribute("var", NS + "#" + feature);
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

    /** What XEP-0060 section 10 names of what this service does; anything else is feature-not-implemented. */
    private static final List<String> FEATURES = List.of("access-authorize", "access-open", "access-presence", "access-roster",
            "access-whitelist", "config-node", "create-and-configure", "create-nodes", "delete-items", "delete-nodes",
            "item-ids", "last-published", "manage-subscriptions", "member-affiliation", "modify-affiliations",
            "outcast-affiliation", "persistent-items", "publish", "publisher-affiliation", "purge-nodes", "retract-items",
            "retrieve-affiliations", "retrieve-default", "retrieve-items", "retrieve-subscriptions", "subscribe",
            "subscription-notifications", "subscription-options");

    /** XEP-0060 5.4: the node's meta-data as a data form in its disco#info. */
    private static void metadata(Element query, LeafNode node) {
        Element form = query.addElement(QName.get("x", NodeConfig.DATA_FORMS)).addAttribute("type", "result");
        field(form, "FORM_TYPE", NS + "#meta-data").addAttribute("type", "hidden");
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

    /**
     * Whether the requester may subscribe to the node ({@code subscribing}) or read its items: an
     * outcast never (forbidden); then the access policy (the Finesse model) must allow it; then
     * owners and publishers may, and everyone else as the node's access model says (XEP-0060 6.1.3,
     * 6.5.9). On an authorize node anyone may ask to subscribe, and only approved subscribers read.
     */
    private void checkAccess(JID requester, LeafNode node, boolean subscribing) throws PubSubError {
        LeafNode.Affiliation affiliation = node.affiliation(requester);
        if (affiliation == LeafNode.Affiliation.OUTCAST) {
            throw PubSubError.denied(PacketError.Condition.forbidden, "blocked from this node");
        }
        NodeAccessPolicy policy = accessPolicy;
        AccessDecision decision = policy == null
                ? AccessDecision.denied(PacketError.Condition.forbidden, "no access policy is installed")
                : policy.subscribe(requester, node.name());
        if (!decision.isAllowed()) {
            LOG.info("{} may not read {}: {}", requester, node.name(), decision.reason());
            throw PubSubError.denied(decision.condition(), decision.reason());
        }
        if (affiliation == LeafNode.Affiliation.OWNER || affiliation == LeafNode.Affiliation.PUBLISHER) {
            return;
        }
        switch (node.config().accessModel()) {
            case OPEN -> { }
            case PRESENCE -> {
                if (!inOwnersRoster(requester, node, item -> item.subscription().contactSeesUser())) {
                    throw PubSubError.of(PacketError.Condition.not_authorized, "presence-subscription-required",
                            "only those subscribed to an owner's presence");
                }
            }
            case ROSTER -> {
                Set<String> allowed = node.config().rosterGroupsAllowed();
                if (!inOwnersRoster(requester, node, item -> item.groups().stream().anyMatch(allowed::contains))) {
                    throw PubSubError.of(PacketError.Condition.not_authorized, "not-in-roster-group",
                            "only contacts in an allowed roster group of an owner");
                }
            }
            case WHITELIST -> {
                if (affiliation != LeafNode.Affiliation.MEMBER) {
                    throw PubSubError.of(PacketError.Condition.not_allowed, "closed-node", "only the node's members");
                }
            }
            case AUTHORIZE -> {
                if (!subscribing && !approvedSubscriber(requester, node)) {
                    throw PubSubError.of(PacketError.Condition.not_authorized, "not-subscribed",
                            "only subscribers the owner approved");
                }
            }
            default -> throw new IllegalStateException("unknown access model " + node.config().accessModel());
        }
    }

    /** True when some owner's roster has the requester as a contact that passes the test. */
    private boolean inOwnersRoster(JID requester, LeafNode node, java.util.function.Predicate<RosterItem> test) {
        Rosters current = rosters;
        if (current == null) {
            LOG.warn("No roster service: {} cannot be checked against the rosters of the owners of {}", requester, node.name());
            return false;
        }
        for (JID owner : node.owners()) {
            if (current.item(owner, requester.asBareJID()).filter(test).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean approvedSubscriber(JID requester, LeafNode node) {
        for (JID jid : List.of(requester, requester.asBareJID())) {
            LeafNode.Subscription subscription = node.subscription(jid);
            if (subscription != null && !subscription.pending()) {
                return true;
            }
        }
        return false;
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
        JID jid = parseJid(action.attributeValue("jid"));
        if (!jid.asBareJID().equals(request.getFrom().asBareJID())) {
            throw new PubSubError(PacketError.Condition.bad_request, "invalid-jid");
        }
        return jid;
    }

    /** A JID attribute: missing or malformed is {@code bad-request} with {@code jid-required} or {@code invalid-jid}. */
    private static JID parseJid(String text) throws PubSubError {
        if (text == null || text.isEmpty()) {
            throw new PubSubError(PacketError.Condition.bad_request, "jid-required");
        }
        try {
            return new JID(text);
        } catch (IllegalArgumentException e) {
            throw new PubSubError(PacketError.Condition.bad_request, "invalid-jid");
        }
    }

    // ---- EventPublisher and ServerSubscriptions -------------------------------------------------------------------------

    @Override
    public void createNode(String node) {
        serverNode(node);
    }

    /** The node, created as one of the server's own when missing. */
    private LeafNode serverNode(String node) {
        return nodes.computeIfAbsent(node, name -> {
            LeafNode created = new LeafNode(name, null, defaults);
            store.saveNode(created.stored());
            return created;
        });
    }

    @Override
    public String publish(String nodeName, Element payload) {
        return publish(List.of(new Publication(nodeName, payload))).get(0);
    }

    @Override
    public List<String> publish(List<Publication> publications) {
        List<Publishing> batch = new ArrayList<>();
        List<PubSubStore.NewItem> kept = new ArrayList<>();
        for (Publication publication : publications) {
            Publishing publishing = new Publishing(serverNode(publication.node()), new LeafNode.Item(randomId(8), publication.payload()));
            if (publishing.config.persistItems()) {
                kept.add(new PubSubStore.NewItem(publication.node(), publishing.item.stored(), publishing.config.maxItems()));
            }
            batch.add(publishing);
        }
        if (!kept.isEmpty()) {
            store.saveItems(kept); // all or none, before anyone hears of any
        }
        batch.forEach(Publishing::deliver);
        return batch.stream().map(publishing -> publishing.item.id()).toList();
    }

    /** An event source's item on its way: stored with its batch, then kept and notified by {@link #deliver}. */
    private final class Publishing {
        final LeafNode node;
        final NodeConfig config;
        final LeafNode.Item item;

        Publishing(LeafNode node, LeafNode.Item item) {
            this.node = node;
            this.config = node.config();
            this.item = item;
        }

        void deliver() {
            if (config.persistItems()) {
                node.add(item);
            }
            long start = System.nanoTime();
            List<Message> notified = notificationsOf(node, item);
            fanOut.send(notified, PubSubService.this::send);
            counted(false, notified.size(), System.nanoTime() - start);
        }
    }

    /** A published item's notifications, one per recipient, sharing the item's event, rendered once; the node's last publish. */
    private List<Message> notificationsOf(LeafNode node, LeafNode.Item item) {
        SharedPayload event = notifications.published(node.name(), item, node.config().deliverPayloads());
        lastPublished.put(node.name(), Instant.now());
        return node.recipients().stream().map(recipient -> notifications.item(event, recipient)).toList();
    }

    @Override
    public String subscribe(String nodeName, JID subscriber) {
        ReentrantLock change = changesTo(nodeName);
        change.lock();
        try {
            return subscribeByServer(nodeName, subscriber);
        } finally {
            change.unlock();
        }
    }

    private String subscribeByServer(String nodeName, JID subscriber) {
        LeafNode node = serverNode(nodeName);
        LeafNode.Subscription existing = node.subscription(subscriber);
        if (existing != null) {
            return existing.subid();
        }
        LeafNode.Subscription subscription = new LeafNode.Subscription(subscriber, randomId(8));
        store.saveSubscription(nodeName, subscription.stored());
        node.put(subscription);
        LOG.debug("{} subscribed to {} by the server", subscriber, nodeName);
        return subscription.subid();
    }

    @Override
    public Optional<Instant> lastPublished(String node) {
        return Optional.ofNullable(lastPublished.get(node));
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
