package io.switchboard.health.impl;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.health.HealthCheck;
import io.switchboard.api.health.HealthResult;
import io.switchboard.http.HttpMount;
import io.switchboard.http.ReadOnlyResource;

/**
 * {@code GET /health}: runs every {@link HealthCheck} service and answers JSON, 200 when all are
 * healthy and 503 when one is not (or a required one is missing), for load balancers and monitors.
 */
@Component(service = {HttpMount.class, HealthEndpoint.class}, immediate = true, configurationPid = HealthConfiguration.PID)
@Designate(ocd = HealthConfiguration.class)
public class HealthEndpoint implements HttpMount {

    static final String PATH = "/health";
    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoint.class);
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final Map<HealthCheck, String> checks = new ConcurrentHashMap<>();
    private volatile List<String> required;

    @Activate
    public HealthEndpoint(HealthConfiguration config) {
        modified(config);
    }

    @Modified
    void modified(HealthConfiguration config) {
        required = List.of(config.required());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + HealthCheck.NAME + "=*)")
    void addCheck(HealthCheck check, Map<String, Object> properties) {
        checks.put(check, String.valueOf(properties.get(HealthCheck.NAME)));
    }

    void removeCheck(HealthCheck check) {
        checks.remove(check);
    }

    /** Every check's result by name, the missing required ones included. */
    Map<String, HealthResult> run() {
        Map<String, HealthResult> results = new TreeMap<>();
        checks.forEach((check, name) -> {
            HealthResult result;
            try {
                result = check.check();
            } catch (RuntimeException e) {
                result = HealthResult.failed("the check failed: " + e);
            }
            // two checks of one name: healthy only when both are
            results.merge(name, result, (one, two) -> new HealthResult(one.healthy() && two.healthy(), one.message() + "; " + two.message()));
        });
        required.forEach(name -> results.putIfAbsent(name,
                HealthResult.failed("no '" + name + "' check is registered (is its bundle started?)")));
        return results;
    }

    static String json(Map<String, HealthResult> results) {
        JsonObject checks = new JsonObject();
        results.forEach((name, result) -> {
            JsonObject check = new JsonObject();
            check.addProperty("healthy", result.healthy());
            check.addProperty("message", result.message());
            checks.add(name, check);
        });
        JsonObject health = new JsonObject();
        health.addProperty("status", results.values().stream().allMatch(HealthResult::healthy) ? "UP" : "DOWN");
        health.add("checks", checks);
        return GSON.toJson(health) + "\n";
    }

    @Override
    public ContextHandler handler(Server server) {
        return ReadOnlyResource.at(PATH, () -> {
            Map<String, HealthResult> results = run();
            boolean healthy = results.values().stream().allMatch(HealthResult::healthy);
            if (!healthy) {
                LOG.debug("Unhealthy: {}", results);
            }
            return new ReadOnlyResource.Answer(healthy ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503,
                    "application/json; charset=utf-8", json(results));
        });
    }

    @Override
    public String toString() {
        return "Health at " + PATH;
    }
}
