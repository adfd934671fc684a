package io.switchboard.core.impl;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.routing.Router;
import io.switchboard.api.stream.StreamFeature;
import io.switchboard.api.stream.StreamPipeline;
import io.switchboard.api.stream.StreamTransport;
import io.switchboard.api.stream.XmppStream;

/**
 * Creates client streams and holds what they share: the router, the sessions, the stream features,
 * and the limits every stream keeps (new limits apply to new streams, without ending any).
 */
@Component(service = StreamPipeline.class, configurationPid = StreamLimits.PID)
@Designate(ocd = StreamLimits.class)
public class DefaultStreamPipeline implements StreamPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultStreamPipeline.class);

    final Router router;
    final LocalSessions sessions;
    private final List<RankedFeature> features = new CopyOnWriteArrayList<>();
    private final Set<ClientStream> open = ConcurrentHashMap.newKeySet();
    /** Streams not yet authenticated, per peer IP address. */
    private final Map<String, Integer> unauthenticated = new ConcurrentHashMap<>();
    private volatile StreamLimits limits;

    /** Counts stanzas when a metrics bundle offers a registry. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MeterRegistry meters;

    @Activate
    public DefaultStreamPipeline(@Reference Router router, @Reference LocalSessions sessions, StreamLimits limits) {
        this.router = router;
        this.sessions = sessions;
        this.limits = limits;
    }

    @Modified
    void modified(StreamLimits changed) {
        this.limits = changed;
    }

    @Deactivate
    void deactivate() {
        // the core is going away (stopped, or reconfigured): end every stream it carries, cleanly
        open.forEach(stream -> stream.close(StreamError.Condition.system_shutdown));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(&(" + StreamFeature.NAMESPACE + "=*)(" + StreamFeature.STAGE + "=*))")
    void addFeature(StreamFeature feature, Map<String, Object> properties) {
        features.add(new RankedFeature(feature, properties));
        features.sort(null);
    }

    void removeFeature(StreamFeature feature) {
        features.removeIf(ranked -> ranked.feature == feature);
    }

    @Override
    public XmppStream open(StreamTransport transport) {
        StreamLimits current = limits;
        MeterRegistry registry = meters;
        Connection connection = new Connection(transport);
        ClientStream stream = new ClientStream(this, connection,
                new StanzaRate(current.maxStanzasPerSecond(), current.stanzaBurst(), System::nanoTime),
                registry == null ? null : registry.counter("switchboard.stanzas", "direction", "in", "transport", transport.name()),
                registry == null ? null : registry.counter("switchboard.stanzas", "direction", "out", "transport", transport.name()));
        open.add(stream);
        int waiting = unauthenticated.merge(transport.remoteHost(), 1, Integer::sum);
        if (current.maxUnauthenticatedPerAddress() > 0 && waiting > current.maxUnauthenticatedPerAddress()) {
            LOG.warn("Refused a connection from {}: {} are open there without authenticating (maxUnauthenticatedPerAddress)",
                    transport.remoteHost(), waiting - 1);
            connection.failed(StreamError.Condition.policy_violation, "too many unauthenticated connections from your address");
        }
        return connection;
    }

    /** The stream authenticated, or ended before it did: it no longer counts against its address. */
    void leftUnauthenticated(StreamTransport transport) {
        unauthenticated.computeIfPresent(transport.remoteHost(), (host, count) -> count <= 1 ? null : count - 1);
    }

    void ended(ClientStream stream) {
        open.remove(stream);
    }

    /** The features of a stage, highest ranking first. */
    List<StreamFeature> features(String stage) {
        return features.stream().filter(f -> f.stage.equals(stage)).map(f -> f.feature).toList();
    }

    /** The feature of a stage that handles this namespace, or null. */
    StreamFeature feature(String stage, String namespace) {
        for (RankedFeature ranked : features) {
            if (ranked.stage.equals(stage) && ranked.namespace.equals(namespace)) {
                return ranked.feature;
            }
        }
        return null;
    }

    private record RankedFeature(StreamFeature feature, String stage, String namespace, int ranking)
            implements Comparable<RankedFeature> {

        RankedFeature(StreamFeature feature, Map<String, Object> properties) {
            this(feature,
                    String.valueOf(properties.get(StreamFeature.STAGE)),
                    String.valueOf(properties.get(StreamFeature.NAMESPACE)),
                    properties.get(Constants.SERVICE_RANKING) instanceof Integer rank ? rank : 0);
        }

        @Override
        public int compareTo(RankedFeature other) {
            return Integer.compare(other.ranking, ranking);
        }
    }
}
