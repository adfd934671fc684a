package io.switchboard.pubsub.impl;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import io.switchboard.api.pubsub.EventPublisher;
import io.switchboard.api.pubsub.access.NodeAccessPolicy;
import io.switchboard.api.pubsub.store.PubSubStore;
import io.switchboard.api.pubsub.PublisherGrant;
import io.switchboard.api.roster.Rosters;
import io.switchboard.testing.Configurations;

/**
 * The service's parts wired as Declarative Services wires them (nodes on a store, delivery, the
 * XMPP requests, the server's publishing), with the services node access asks for set by the test,
 * and mounted the way the component is: attached to a component manager that records.
 */
final class TestPubSub {

    private final PubSubStore store;
    private final List<PublisherGrant> grants = new CopyOnWriteArrayList<>();
    private final Delivery delivery = new Delivery();
    private volatile NodeAccessPolicy policy;
    private volatile Rosters rosters;
    private PubSubRequests requests;
    private Consumer<Packet> sink;
    private ServerPublishing publishing;

    TestPubSub(PubSubStore store) {
        this.store = store;
        activate(Configurations.of(PubSubConfiguration.class));
    }

    /** Starts the parts again on this configuration, reading the store back as a restart does. */
    void activate(PubSubConfiguration config) {
        Nodes nodes = new Nodes(store, config);
        requests = new PubSubRequests(nodes, delivery, new NodeAccess(() -> policy, () -> rosters, grants));
        publishing = new ServerPublishing(nodes, delivery);
    }

    void setAccessPolicy(NodeAccessPolicy policy) {
        this.policy = policy;
    }

    void setRosters(Rosters rosters) {
        this.rosters = rosters;
    }

    void addPublisherGrant(PublisherGrant grant) {
        grants.add(grant);
    }

    /** Mounted: what the service sends goes to the manager. */
    void initialize(JID address, RecordingComponentManager manager) {
        sink = packet -> manager.sendPacket(null, packet);
        delivery.attach(address, sink);
    }

    /** Unmounted: nothing goes out. */
    void shutdown() {
        delivery.detach(sink);
    }

    void processPacket(Packet packet) {
        requests.process(packet);
    }

    void createNode(String node) {
        publishing.createNode(node);
    }

    String publish(String node, Element payload) {
        return publishing.publish(node, payload);
    }

    List<String> publish(List<EventPublisher.Publication> publications) {
        return publishing.publish(publications);
    }

    Optional<Instant> lastPublished(String node) {
        return publishing.lastPublished(node);
    }
}
