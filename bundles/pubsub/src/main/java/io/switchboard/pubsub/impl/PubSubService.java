package io.switchboard.pubsub.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

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
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import io.switchboard.api.pubsub.access.NodeAccessPolicy;
import io.switchboard.api.pubsub.PublisherGrant;
import io.switchboard.api.roster.Rosters;
import io.switchboard.api.routing.Router;

/**
 * The XEP-0060 service as a Tinder component mounted at {@code pubsub.<domain>}: it wires the
 * services node access depends on (they come and go while it runs) and hands what reaches it to
 * {@link PubSubRequests}; what it sends goes through its component manager. Event sources publish
 * through {@link ServerPublishing}, a component of its own on the same {@link Nodes}.
 */
@Component(service = org.xmpp.component.Component.class, property = Router.COMPONENT_SUBDOMAIN + "=pubsub")
public final class PubSubService implements org.xmpp.component.Component {

    static final String NAME = "Publish-Subscribe";

    private static final Logger LOG = LoggerFactory.getLogger(PubSubService.class);

    /** Who may subscribe and read: the highest-ranked policy now; none means nobody. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NodeAccessPolicy accessPolicy;

    /** The owners' rosters, for the presence and roster access models; without it both deny. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Rosters rosters;

    /** Who besides a node's owner may publish to it (external event sources). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<PublisherGrant> publisherGrants = new CopyOnWriteArrayList<>();

    private final Delivery delivery;
    private final PubSubRequests requests;
    private volatile Consumer<Packet> sink;

    @Activate
    public PubSubService(@Reference(name = "nodes") Nodes nodes, @Reference(name = "delivery") Delivery delivery) {
        this.delivery = delivery;
        this.requests = new PubSubRequests(nodes, delivery, new NodeAccess(() -> accessPolicy, () -> rosters, publisherGrants));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getDescription() {
        return "XEP-0060 publish-subscribe service for agent, team and call events";
    }

    @Override
    public void initialize(JID jid, ComponentManager manager) {
        Consumer<Packet> mounted = packet -> send(manager, packet);
        sink = mounted;
        delivery.attach(jid, mounted);
    }

    @Override
    public void start() {
    }

    @Override
    public void shutdown() {
        delivery.detach(sink);
    }

    @Override
    public void processPacket(Packet packet) {
        requests.process(packet);
    }

    private void send(ComponentManager manager, Packet packet) {
        try {
            manager.sendPacket(this, packet);
        } catch (ComponentException e) {
            LOG.warn("Could not send {}", packet.toXML(), e);
        }
    }
}
