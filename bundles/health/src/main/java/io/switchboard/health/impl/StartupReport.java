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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.health.HealthResult;
import io.switchboard.api.routing.Router;

/**
 * Says on the console, once the server is up (its health checks green, or after a minute either
 * way), where to reach it: the listeners, the board, the web console, health and metrics, and the
 * demo users who still have the demo password. Read from the configuration the parts were started with.
 */
@Component(immediate = true)
public class StartupReport {

    static final String DEMO_PASSWORD = "1234";
    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);
    private static final long GIVE_UP_MILLIS = 60_000;

    private final ConfigurationAdmin configurations;
    private final Router router;
    private final HealthEndpoint health;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "switchboard-startup-report");
        thread.setDaemon(true);
        return thread;
    });
    private final long started = System.currentTimeMillis();
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthProvider users;

    @Activate
    public StartupReport(@Reference ConfigurationAdmin configurations, @Reference Router router,
            @Reference HealthEndpoint health) {
        this.configurations = configurations;
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
            Map<String, HealthResult> results = health.run();
            boolean healthy = results.values().stream().allMatch(HealthResult::healthy);
            if (healthy || System.currentTimeMillis() - started > GIVE_UP_MILLIS) {
                LOG.info("{}", report(results));
                timer.shutdown();
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("Could not say where the server listens", e);
            timer.shutdown();
        }
    }

    String report(Map<String, HealthResult> results) throws IOException {
        Dictionary<String, Object> http = properties("io.switchboard.http");
        Dictionary<String, Object> tcp = properties("io.switchboard.transport.tcp");
        String secureHost = host(value(http, "secureHost", "0.0.0.0"));
        String plainHost = value(http, "plainHost", "127.0.0.1");
        int securePort = Integer.parseInt(value(http, "securePort", "8445"));
        int plainPort = Integer.parseInt(value(http, "plainPort", "7071"));
        String https = securePort >= 0 ? "https://" + secureHost + ":" + securePort : null;
        String plain = plainPort >= 0 ? "http://" + plainHost + ":" + plainPort : null;
        List<String> lines = new ArrayList<>();
        lines.add("Switchboard is " + (results.values().stream().allMatch(HealthResult::healthy) ? "ready" : "up, but NOT healthy")
                + ", XMPP domain " + router.domain() + ":");
        lines.add("  Live board        " + either(https, plain, "/"));
        lines.add("  Web console       " + either(https, plain, "/system/console") + "  (" + admins() + ")");
        lines.add("  XMPP WebSocket    " + either(https == null ? null : "wss" + https.substring(5), plain == null ? null : "ws" + plain.substring(4), "/ws/"));
        lines.add("  XMPP BOSH         " + either(https, plain, "/http-bind/"));
        int tcpPort = Integer.parseInt(value(tcp, "port", "5222"));
        int directTls = Integer.parseInt(value(tcp, "directTlsPort", "5223"));
        lines.add("  XMPP TCP          " + host(value(tcp, "host", "0.0.0.0")) + ": "
                + (tcpPort >= 0 ? tcpPort + " (STARTTLS)" : "off") + ", " + (directTls >= 0 ? directTls + " (direct TLS)" : "off"));
        lines.add("  Health, metrics   " + either(https, plain, "/health") + ", /metrics");
        results.forEach((name, result) -> {
            if (!result.healthy()) {
                lines.add("  UNHEALTHY " + name + ": " + result.message());
            }
        });
        String demo = demoUsers();
        if (!demo.isEmpty()) {
            lines.add("  Demo users with the demo password " + DEMO_PASSWORD + ": " + demo);
        }
        return String.join(System.lineSeparator(), lines);
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

    /** The simulator's agents and supervisors that still log in with the demo password. */
    private String demoUsers() throws IOException {
        AuthProvider provider = users;
        if (provider == null) {
            return "";
        }
        Dictionary<String, Object> simulator = properties("io.switchboard.eventsource.simulator");
        List<String> people = new ArrayList<>();
        for (String key : List.of("agents", "supervisors")) {
            Object entries = simulator.get(key);
            if (entries instanceof String[] list) {
                Arrays.stream(list).map(entry -> entry.split(":")[0].trim()).filter(id -> !people.contains(id)).forEach(people::add);
            }
        }
        return people.stream().filter(user -> {
            try {
                return provider.authenticate(user, DEMO_PASSWORD);
            } catch (RuntimeException e) {
                return false;
            }
        }).collect(Collectors.joining(", "));
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
