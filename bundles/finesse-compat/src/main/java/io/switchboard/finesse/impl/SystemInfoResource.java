package io.switchboard.finesse.impl;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.switchboard.api.cluster.Cluster;
import io.switchboard.api.routing.Router;
import io.switchboard.http.HttpMount;
import io.switchboard.http.ReadOnlyResource;

/**
 * {@code GET /finesse/api/SystemInfo}, which a Finesse desktop reads before it connects and while it
 * fails over: the XMPP domain and the publish-subscribe service to subscribe on, whether this node is
 * IN_SERVICE, and in a cluster the nodes by host name, the oldest member as the primary.
 *
 * <p>The status is what GET /health knows, without HTTP: the Felix health checks of the transports,
 * the publish-subscribe store and the event sources (and the cluster's, where there is one) must all be
 * there and healthy. The executor keeps a result for a moment, so desktops that poll do not run the
 * checks on every request.
 */
@Component(service = HttpMount.class)
public class SystemInfoResource implements HttpMount {

    static final String PATH = "/finesse/api/SystemInfo";
    /** The checks an IN_SERVICE node must have, all healthy: listeners, the store of the nodes, the event sources. */
    static final List<String> REQUIRED = List.of("transports", "database", "eventsources");
    /** Healthy where it is registered: a server configured as a cluster member must be one. */
    static final String CLUSTER = "cluster";

    private final Router router;
    private final Supplier<Map<String, Result>> health;
    private final Clock clock;
    private volatile Cluster cluster;

    @Activate
    public SystemInfoResource(@Reference Router router, @Reference HealthCheckExecutor executor) {
        this(router, () -> results(executor), Clock.systemUTC());
    }

    SystemInfoResource(Router router, Supplier<Map<String, Result>> health, Clock clock) {
        this.router = router;
        this.health = health;
        this.clock = clock;
    }

    /** The cluster, while this server is a member of one. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCluster(Cluster bound) {
        cluster = bound;
    }

    void unbindCluster(Cluster unbound) {
        if (cluster == unbound) {
            cluster = null;
        }
    }

    /** The document, in the order of Finesse's REST API. */
    String systemInfo() {
        Element info = DocumentHelper.createElement("SystemInfo");
        info.addElement("currentTimestamp").setText(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        Cluster current = cluster;
        List<Cluster.Member> members = current == null ? List.of() : current.members();
        if (!members.isEmpty()) {
            info.addElement("primaryNode").addElement("host").setText(members.get(0).host());
        }
        if (members.size() > 1) {
            info.addElement("secondaryNode").addElement("host").setText(members.get(1).host());
        }
        List<String> problems = problems(health.get());
        info.addElement("status").setText(problems.isEmpty() ? "IN_SERVICE" : "OUT_OF_SERVICE");
        if (!problems.isEmpty()) {
            info.addElement("statusReason").setText(String.join("; ", problems));
        }
        info.addElement("xmppDomain").setText(router.domain());
        info.addElement("xmppPubSubDomain").setText("pubsub." + router.domain());
        return info.asXML();
    }

    /** What keeps the node out of service: each required check missing, each check that is not OK or WARN. */
    static List<String> problems(Map<String, Result> results) {
        List<String> problems = new ArrayList<>();
        for (String name : REQUIRED) {
            if (!results.containsKey(name)) {
                problems.add("no '" + name + "' health check (is its bundle started?)");
            }
        }
        results.forEach((name, result) -> {
            if (!result.isOk() && result.getStatus() != Result.Status.WARN) {
                problems.add(name + " " + result.getStatus() + ": " + message(result));
            }
        });
        return problems;
    }

    /** The results by name of the checks SystemInfo asks; of two with one name, the worse. */
    private static Map<String, Result> results(HealthCheckExecutor executor) {
        List<String> names = new ArrayList<>(REQUIRED);
        names.add(CLUSTER);
        Map<String, Result> results = new TreeMap<>();
        for (HealthCheckExecutionResult result : executor.execute(HealthCheckSelector.names(names.toArray(String[]::new)))) {
            results.merge(result.getHealthCheckMetadata().getName(), result.getHealthCheckResult(),
                    (one, other) -> one.getStatus().compareTo(other.getStatus()) >= 0 ? one : other);
        }
        return results;
    }

    private static String message(Result result) {
        List<String> lines = new ArrayList<>();
        result.forEach(entry -> {
            if (!entry.isDebug()) {
                lines.add(entry.getMessage());
            }
        });
        return String.join(", ", lines);
    }

    @Override
    public ContextHandler handler(Server server) {
        return ReadOnlyResource.at(PATH, () -> new ReadOnlyResource.Answer(HttpStatus.OK_200, "application/xml; charset=UTF-8", systemInfo()));
    }

    @Override
    public String toString() {
        return "Finesse SystemInfo at " + PATH;
    }
}
