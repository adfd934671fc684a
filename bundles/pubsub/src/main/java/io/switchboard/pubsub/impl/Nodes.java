package io.switchboard.pubsub.impl;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.cluster.ClusterRelay;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.pubsub.store.PubSubStore;
import io.switchboard.api.pubsub.StoreException;

/**
 * The service's nodes, kept in memory and made durable in the {@link PubSubStore} before a change is
 * acknowledged; read back from the store when the service starts. Shared by the XMPP requests and
 * the event sources' publishing, which are components of their own.
 */
@Component(service = Nodes.class, configurationPid = Nodes.PID)
@Designate(ocd = PubSubConfiguration.class)
public final class Nodes {

    static final String PID = "io.switchboard.pubsub";

    /** Names the PEP bundle keeps its nodes under in the same store: not this service's to read back or create. */
    static final String PEP_PREFIX = "pep:";

    private static final Logger LOG = LoggerFactory.getLogger(Nodes.class);

    private final SecureRandom random = new SecureRandom();
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

    private final PubSubStore store;

    /** The configuration of nodes created without one (configured; see PubSubConfiguration). */
    private final NodeConfig defaults;

    private final ComponentContext context;

    /*
     * The cluster's relay while this server is a member of one: bound by reference and fetched at
     * first use (its listener, ClusterChanges, needs these nodes).
     */
    private static final String RELAY = "relay";
    private volatile ServiceReference<ClusterRelay> relayReference;

    @Activate
    public Nodes(ComponentContext context, @Reference(name = "store") PubSubStore store, PubSubConfiguration config) {
        this.context = context;
        this.store = new RelayingStore(store, this::relay);
        this.defaults = NodeConfig.defaults(config);
        readBack();
    }

    /** Nodes outside a framework (tests): never in a cluster. */
    Nodes(PubSubStore store, PubSubConfiguration config) {
        this(null, store, config);
    }

    @Reference(name = RELAY, service = ClusterRelay.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRelay(ServiceReference<ClusterRelay> reference) {
        relayReference = reference;
    }

    void unbindRelay(ServiceReference<ClusterRelay> reference) {
        if (reference.equals(relayReference)) {
            relayReference = null;
        }
    }

    /** Tells the other members of the cluster about a change, if there is a cluster. */
    private void relay(String change) {
        ServiceReference<ClusterRelay> reference = relayReference;
        ClusterRelay relay = reference == null ? null : context.locateService(RELAY, reference);
        if (relay != null) {
            relay.broadcast(ClusterChanges.CHANNEL, change);
        }
    }

    private boolean clustered() {
        return relayReference != null;
    }

    /** Reads back what the store kept: the nodes, their configuration, affiliations, subscriptions and items. */
    private void readBack() {
        int items = 0;
        for (PubSubStore.StoredNode stored : store.load()) {
            if (stored.name().startsWith(PEP_PREFIX)) {
                continue;
            }
            LeafNode node = node(stored);
            items += node.itemCount();
            nodes.put(node.name(), node);
        }
        LOG.info("Publish-subscribe: {} nodes and {} items read back from the store", nodes.size(), items);
    }

    /** A node as the store kept it. */
    private static LeafNode node(PubSubStore.StoredNode stored) {
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
        return node;
    }

    // ---- what other members of a cluster changed (ClusterChanges) ------------------------------

    /** Another member changed the node (created, configured, an affiliation): read it again. */
    void readAgain(String name) {
        ReentrantLock change = changesTo(name);
        change.lock();
        try {
            Optional<PubSubStore.StoredNode> stored = store.load(name);
            if (stored.isPresent()) {
                nodes.put(name, node(stored.get()));
            } else {
                nodes.remove(name);
            }
        } finally {
            change.unlock();
        }
    }

    void removed(String name) {
        nodes.remove(name);
        lastPublished.remove(name);
    }

    /** Another member stored an item: kept here too, as this member's last items. */
    void storedElsewhere(String name, String itemId, String payload) {
        LeafNode node = nodes.get(name);
        if (node == null) {
            readAgain(name); // created there a moment ago: the store has it, with this item
        } else {
            node.add(new LeafNode.Item(itemId, StoredPayloads.parse(payload)));
        }
        published(name);
    }

    /** Another member stored a subscription (new, changed or approved). */
    void subscribedElsewhere(String name, PubSubStore.StoredSubscription subscription) {
        LeafNode node = nodes.get(name);
        if (node == null) {
            readAgain(name);
        } else {
            node.put(LeafNode.Subscription.of(subscription));
        }
    }

    void unsubscribedElsewhere(String name, String jid) {
        LeafNode node = nodes.get(name);
        if (node != null) {
            node.unsubscribe(new JID(jid));
        }
    }

    void retractedElsewhere(String name, String itemId) {
        LeafNode node = nodes.get(name);
        if (node != null) {
            node.retract(itemId);
        }
    }

    void purgedElsewhere(String name) {
        LeafNode node = nodes.get(name);
        if (node != null) {
            node.purge();
        }
    }

    PubSubStore store() {
        return store;
    }

    NodeConfig defaults() {
        return defaults;
    }

    /** The node of that name, or null. */
    LeafNode get(String name) {
        return nodes.get(name);
    }

    boolean contains(String name) {
        return nodes.containsKey(name);
    }

    /** Every node, by name. */
    List<LeafNode> sorted() {
        return nodes.values().stream().sorted(Comparator.comparing(LeafNode::name)).toList();
    }

    /** The node an action names: {@code bad-request} without a name, {@code item-not-found} when there is none. */
    LeafNode named(Element action) throws StanzaErrorException {
        LeafNode node = nodes.get(nameOf(action));
        if (node == null) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found);
        }
        return node;
    }

    /** The node name an action gives: {@code bad-request} with {@code nodeid-required} without one. */
    static String nameOf(Element action) throws StanzaErrorException {
        String name = action.attributeValue("node");
        if (name == null || name.isEmpty()) {
            throw PubSubErrors.of(PacketError.Condition.bad_request, "nodeid-required");
        }
        return name;
    }

    /** The node, created as one of the server's own when missing. */
    LeafNode serverNode(String name) {
        return nodes.computeIfAbsent(name, missing -> {
            if (clustered()) { // another member may have made it a moment ago, with subscribers
                Optional<PubSubStore.StoredNode> stored = store.load(missing);
                if (stored.isPresent()) {
                    return node(stored.get());
                }
            }
            LeafNode created = new LeafNode(missing, null, defaults);
            try {
                store.saveNode(created.stored());
            } catch (StoreException e) {
                // in a cluster, another member may have stored it at the same moment: then it is there
                Optional<PubSubStore.StoredNode> stored = clustered() ? store.load(missing) : Optional.empty();
                return node(stored.orElseThrow(() -> e));
            }
            return created;
        });
    }

    /**
     * Creates a node owned by a client, stored before it is added: {@code conflict} when one of that
     * name exists (XEP-0060 8.1.3.3).
     */
    LeafNode create(String name, JID owner, NodeConfig config) throws StanzaErrorException {
        if (name.startsWith(PEP_PREFIX)) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, PEP_PREFIX + " nodes are the accounts' PEP nodes");
        }
        if (nodes.containsKey(name)) {
            throw new StanzaErrorException(PacketError.Condition.conflict);
        }
        LeafNode created = new LeafNode(name, owner, config);
        durably(() -> store.saveNode(created.stored()));
        if (nodes.putIfAbsent(name, created) != null) {
            throw new StanzaErrorException(PacketError.Condition.conflict);
        }
        LOG.debug("{} created {}", owner, name);
        return created;
    }

    /** A name no node has, for an instant node (XEP-0060 8.1.2). */
    String instantName() {
        String name;
        do {
            name = randomId();
        } while (nodes.containsKey(name));
        return name;
    }

    void remove(LeafNode node) {
        nodes.remove(node.name(), node);
        lastPublished.remove(node.name());
    }

    /** The lock a request that changes the node holds (see changeLocks). */
    ReentrantLock changesTo(String node) {
        return changeLocks[Math.floorMod(Objects.hashCode(node), changeLocks.length)];
    }

    /** Makes a change durable before it is made in memory and acknowledged; a store that fails refuses the request. */
    void durably(Runnable change) throws StanzaErrorException {
        try {
            change.run();
        } catch (StoreException e) {
            LOG.error("Publish-subscribe: a change could not be stored; the request is refused", e);
            throw new StanzaErrorException(PacketError.Condition.internal_server_error);
        }
    }

    void published(String node) {
        lastPublished.put(node, Instant.now());
    }

    Optional<Instant> lastPublished(String node) {
        return Optional.ofNullable(lastPublished.get(node));
    }

    /** A random item or subscription id. */
    String randomId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
