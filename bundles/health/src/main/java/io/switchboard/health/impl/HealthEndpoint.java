package io.switchboard.health.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.http.HttpMount;
import io.switchboard.http.ReadOnlyResource;

/**
 * {@code GET /health}: runs the Felix health checks of the configured tags through the Felix
 * {@link HealthCheckExecutor} and answers JSON, 200 when all are healthy and 503 when one is not
 * (or a required one is missing), for load balancers and monitors.
 */
@Component(service = {HttpMount.class, HealthEndpoint.class}, immediate = true, configurationPid = HealthConfiguration.PID)
@Designate(ocd = HealthConfiguration.class)
public class HealthEndpoint implements HttpMount {

    static final String PATH = "/health";
    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoint.class);
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    /** Run each check now: a cached result would hide a provider stopped a second ago. */
    private static final HealthCheckExecutionOptions NOW = new HealthCheckExecutionOptions().setForceInstantExecution(true).setCombineTagsWithOr(true);

    private final HealthCheckExecutor executor;
    private volatile HealthConfiguration config;

    @Activate
    public HealthEndpoint(@Reference HealthCheckExecutor executor, HealthConfiguration config) {
        this.executor = executor;
        modified(config);
    }

    @Modified
    void modified(HealthConfiguration config) {
        this.config = config;
    }

    /** Every check's result by name, the missing required ones included. */
    Map<String, CheckResult> run() {
        HealthConfiguration current = config;
        List<Map.Entry<String, Result>> results = new ArrayList<>();
        for (HealthCheckExecutionResult result : executor.execute(HealthCheckSelector.tags(current.tags()), NOW)) {
            results.add(Map.entry(result.getHealthCheckMetadata().getName(), result.getHealthCheckResult()));
        }
        return summed(results, List.of(current.required()));
    }

    /** The results by name (two of one name healthy only when both are), and the missing required checks as critical. */
    static Map<String, CheckResult> summed(List<Map.Entry<String, Result>> results, List<String> required) {
        Map<String, CheckResult> summed = new TreeMap<>();
        for (Map.Entry<String, Result> result : results) {
            summed.merge(result.getKey(), new CheckResult(result.getValue().getStatus(), message(result.getValue())), CheckResult::and);
        }
        required.forEach(name -> summed.putIfAbsent(name,
                new CheckResult(Result.Status.CRITICAL, "no '" + name + "' check is registered (is its bundle started?)")));
        return summed;
    }

    /** The result's log without its debug lines, one line. */
    private static String message(Result result) {
        List<String> lines = new ArrayList<>();
        for (ResultLog.Entry entry : result) {
            if (!entry.isDebug()) {
                lines.add(entry.getException() == null ? entry.getMessage() : entry.getMessage() + ": " + entry.getException());
            }
        }
        return String.join("; ", lines);
    }

    static String json(Map<String, CheckResult> results) {
        JsonObject checks = new JsonObject();
        results.forEach((name, result) -> {
            JsonObject check = new JsonObject();
            check.addProperty("healthy", result.healthy());
            check.addProperty("message", result.message());
            check.addProperty("status", result.status().name());
            checks.add(name, check);
        });
        JsonObject health = new JsonObject();
        health.addProperty("status", results.values().stream().allMatch(CheckResult::healthy) ? "UP" : "DOWN");
        health.add("checks", checks);
        return GSON.toJson(health) + "\n";
    }

    @Override
    public ContextHandler handler(Server server) {
        return ReadOnlyResource.at(PATH, () -> {
            Map<String, CheckResult> results = run();
            boolean healthy = results.values().stream().allMatch(CheckResult::healthy);
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
