package io.switchboard.health.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.routing.Router;
import io.switchboard.api.threads.DaemonThreads;

/**
 * Says on the console, once the server is up (its health checks green, or after a minute either
 * way), where to reach it: the listeners, the board, the web console, health and metrics, and the
 * accounts that still have the demo password (the demo users and admin), and any part that failed
 * to start, with the error it gave (which names the configuration file's PID and key). Read from the configuration the parts
 * were started with. The same, at any time, with the Gogo command {@code switchboard:status}.
 */
@Component(service = StartupReport.class, immediate = true,
        property = {"osgi.command.scope=switchboard", "osgi.command.function=status"})
public class StartupReport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);
    private static final long GIVE_UP_MILLIS = 60_000;

    private final ConfigurationAdmin configurations;
    private final ServiceComponentRuntime components;
    private final Router router;
    private final HealthEndpoint health;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("switchboard-startup-report"));
    private final long started = System.currentTimeMillis();
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthProvider users;

    @Activate
    public StartupReport(@Reference ConfigurationAdmin configurations, @Reference ServiceComponentRuntime components,
            @Reference Router router, @Reference HealthEndpoint health) {
        this.configurations = configurations;
        this.components = components;
        this.router = router;
        this.health = health;
        timer.scheduleWithFixedDelay(this::reportWhenReady, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private void reportWhenReady() {
        try {
            Map<String, CheckResult> results = health.run();
            boolean healthy = results.values().stream().allMatch(CheckResult::healthy);
            if (healthy || System.currentTimeMillis() - started > GIVE_UP_MILLIS) {
                LOG.info("{}", report(results));
                timer.shutdown();
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("Could not say where the server listens", e);
            timer.shutdown();
        }
    }

    /** Gogo: switchboard:status, the report as it is now. */
    public String status() throws IOException {
        return report(health.run());
    }

    String report(Map<String, CheckResult> results) throws IOException {
        Dictionary<String, Object> http = properties("io.switchboard.http");
        Dictionary<String, Object> tcp = properties("io.switchboard.transport.tcp");
        String secureHost = host(value(http, "secureHost", "0.0.0.0"));
        String plainHost = value(http, "plainHost", "127.0.0.1");
        int securePort = Integer.parseInt(value(http, "securePort", "8445"));
        int plainPort = Integer.parseInt(value(http, "plainPort", "7071"));
        String https = securePort >= 0 ? "https://" + secureHost + ":" + securePort : null;
        String plain = plainPort >= 0 ? "http://" + plainHost + ":" + plainPort : null;
        List<String> lines = new ArrayList<>();
        lines.add("Switchboard is " + (results.values().stream().allMatch(CheckResult::healthy) ? "ready" : "up, but NOT healthy")
                + ", XMPP domain " + router.domain() + ":");
        lines.add("  Live board        " + either(https, plain, "/"));
        lines.add("  Web console       " + either(https, plain, "/system/console") + "  (" + admins() + ")");
        lines.add("  XMPP WebSocket    " + either(https == null ? null : "wss" + https.substring(5), plain == null ? null : "ws" + plain.substring(4), "/ws/"));
        lines.add("  XMPP BOSH         " + either(https, plain, "/http-bind/"));
        int tcpPort = Integer.parseInt(value(tcp, "port", "5222"));
        int directTls = Integer.parseInt(value(tcp, "directTlsPort", "5223"));
        lines.add("  XMPP TCP          " + host(value(tcp, "host", "0.0.0.0")) + ": "
                + (tcpPort >= 0 ? tcpPort + " (STARTTLS)" : "off") + ", " + (directTls >= 0 ? directTls + " (direct TLS)" : "off"));
        lines.add("  Health            " + either(https, plain, "/health"));
        Dictionary<String, Object> metrics = properties("io.switchboard.metrics");
        int metricsPort = Integer.parseInt(value(metrics, "port", "-1"));
        boolean alsoOnMain = Boolean.parseBoolean(value(metrics, "alsoOnMainPorts", "false"));
        lines.add("  Metrics           " + (metricsPort < 0 ? either(https, plain, "/metrics")
                : "http://" + host(value(metrics, "bindAddress", "127.0.0.1")) + ":" + metricsPort + "/metrics"
                        + (alsoOnMain ? "  " + either(https, plain, "/metrics") : "")));
        results.forEach((name, result) -> {
            if (!result.healthy()) {
                lines.add("  UNHEALTHY " + name + ": " + result.message());
            }
        });
        failures().forEach(failure -> lines.add("  FAILED " + failure));
        String demo = demoUsers();
        if (!demo.isEmpty()) {
            lines.add("  Demo users with the demo password " + DemoPasswords.PASSWORD + ": " + demo
                    + "  (bin/switchboard passwd NAME, or switchboard:deluser NAME)");
        }
        return String.join(System.lineSeparator(), lines);
    }

    /** Switchboard's components that failed to start, each with the last cause of its failure. */
    private List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith("io.switchboard")) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : components.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    failures.add(description.name + ": " + lastCause(configuration.failure));
                }
            }
        }
        return failures;
    }

    /** The innermost "Caused by" of a stack trace as text, without the exception's class. */
    static String lastCause(String failure) {
        if (failure == null || failure.isBlank()) {
            return "failed to start";
        }
        String cause = failure.lines().findFirst().orElse(failure);
        for (String line : failure.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        int colon = cause.indexOf(": ");
        return colon > 0 && !cause.substring(0, colon).contains(" ") ? cause.substring(colon + 2) : cause;
    }

    private String admins() throws IOException {
        Object configured = properties("io.switchboard.console").get("admins");
        List<String> admins = configured instanceof String[] names ? Arrays.asList(names)
                : configured == null ? List.of() : List.of(String.valueOf(configured));
        if (admins.isEmpty()) {
            return "no admins configured: set admins in io.switchboard.console.cfg";
        }
        AuthProvider provider = users;
        List<String> missing = provider == null ? List.of() : admins.stream().filter(admin -> !exists(provider, admin)).toList();
        return "admins: " + String.join(", ", admins) + (missing.isEmpty() ? ""
                : "; no such user yet: " + missing.stream().map(name -> "switchboard:adduser " + name + " <password>").collect(Collectors.joining(", ")));
    }

    /** Every account that still logs in with the demo password (see DemoPasswords). */
    private String demoUsers() {
        AuthProvider provider = users;
        return provider == null ? "" : String.join(", ", DemoPasswords.accounts(provider));
    }

    private static boolean exists(AuthProvider provider, String user) {
        try {
            return provider.exists(user);
        } catch (RuntimeException e) {
            return true; // the store cannot be asked: say nothing
        }
    }

    private Dictionary<String, Object> properties(String pid) throws IOException {
        Configuration[] found;
        try {
            found = configurations.listConfigurations("(service.pid=" + pid + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(pid, e); // our own filter: cannot happen
        }
        Dictionary<String, Object> properties = found == null || found.length == 0 ? null : found[0].getProperties();
        return properties == null ? new java.util.Hashtable<>() : properties;
    }

    private static String value(Dictionary<String, Object> properties, String key, String otherwise) {
        Object value = properties.get(key);
        return value == null ? otherwise : String.valueOf(value).trim();
    }

    /** A wildcard address is reached as localhost. */
    private static String host(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.isEmpty() ? "localhost" : host;
    }

    private static String either(String https, String plain, String path) {
        List<String> urls = new ArrayList<>();
        if (https != null) {
            urls.add(https + path);
        }
        if (plain != null) {
            urls.add(plain + path + " (loopback)");
        }
        return urls.isEmpty() ? "off" : String.join("  ", urls);
    }
}
