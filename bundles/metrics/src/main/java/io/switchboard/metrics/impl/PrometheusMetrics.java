package io.switchboard.metrics.impl;

import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.switchboard.api.session.SessionRegistry;
import io.switchboard.http.HttpMount;
import io.switchboard.http.ReadOnlyResource;

/**
 * The server's metrics: one Micrometer registry, offered as a {@link MeterRegistry} service for
 * bundles to count with (stanzas, logins, notifications), plus what it measures itself (JVM
 * memory, GC and threads, bundles by state, sessions by transport), served at {@code /metrics} in
 * the Prometheus text format: on the main HTTP listeners (as an {@link HttpMount}), on a plain
 * listener of its own, or both (see {@link MetricsConfiguration}). Configuring it anew starts it
 * anew, its counts from zero (Prometheus takes that as a counter reset).
 */
@Component(service = {}, immediate = true, configurationPid = MetricsConfiguration.PID)
@Designate(ocd = MetricsConfiguration.class)
public class PrometheusMetrics implements HttpMount {

    static final String PATH = "/metrics";
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Map<Integer, String> BUNDLE_STATES = Map.of(Bundle.INSTALLED, "installed", Bundle.RESOLVED, "resolved",
            Bundle.STARTING, "starting", Bundle.ACTIVE, "active", Bundle.STOPPING, "stopping");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusMetrics.class);

    private final ServiceRegistration<MeterRegistry> registration;
    private final MetricsListener listener; // null: no port of its own
    private final ServiceRegistration<HttpMount> mount; // null: not on the main listeners

    @Activate
    public PrometheusMetrics(BundleContext context, @Reference SessionRegistry sessions, MetricsConfiguration config) {
        // first the listener, which may fail (its port taken): then nothing else was started
        listener = config.port() >= 0 ? new MetricsListener(config.bindAddress(), config.port(), PATH, this::answer) : null;
        if (listener != null) {
            LOG.info("Prometheus metrics on http://{}:{}{}{}", listener.host(), listener.port(), PATH,
                    config.alsoOnMainPorts() ? " and on the main HTTP listeners" : " only");
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        BUNDLE_STATES.forEach((state, name) -> Gauge.builder("switchboard.bundles", context, bundles -> count(bundles, state))
                .description("Bundles of the framework by state").tag("state", name).register(registry));
        for (String transport : List.of("websocket", "tcp", "bosh")) {
            Gauge.builder("switchboard.sessions", sessions, all -> all.all().stream()
                            .filter(s -> s.member() == null && transport.equals(s.transport())).count())
                    .description("Client sessions bound on this server (not other cluster members), by transport").tag("transport", transport).register(registry);
        }
        registration = context.registerService(MeterRegistry.class, registry, null);
        mount = listener == null || config.alsoOnMainPorts() ? context.registerService(HttpMount.class, this, null) : null;
    }

    @Deactivate
    void deactivate() {
        if (mount != null) {
            mount.unregister();
        }
        if (listener != null) {
            listener.close();
        }
        registration.unregister();
        gc.close();
        registry.close();
    }

    private static long count(BundleContext context, int state) {
        long count = 0;
        for (Bundle bundle : context.getBundles()) {
            count += bundle.getState() == state ? 1 : 0;
        }
        return count;
    }

    String scrape() {
        return registry.scrape();
    }

    private ReadOnlyResource.Answer answer() {
        return new ReadOnlyResource.Answer(HttpStatus.OK_200, TEXT_FORMAT, scrape());
    }

    @Override
    public ContextHandler handler(Server server) {
        return ReadOnlyResource.at(PATH, this::answer);
    }

    @Override
    public String toString() {
        return "Prometheus metrics at " + PATH;
    }
}
