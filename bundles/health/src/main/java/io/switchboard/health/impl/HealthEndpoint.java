package io.switchboard.health.impl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
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

/**
 * {@code GET /health}: runs every {@link HealthCheck} service and answers JSON, 200 when all are
 * healthy and 503 when one is not (or a required one is missing), for load balancers and monitors.
 */
@Component(service = {HttpMount.class, HealthEndpoint.class}, immediate = true, configurationPid = HealthConfiguration.PID)
@Designate(ocd = HealthConfiguration.class)
public class HealthEndpoint implements HttpMount {

    static final String PATH = "/health";
    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoint.class);

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
        boolean healthy = results.values().stream().allMatch(HealthResult::healthy);
        StringBuilder json = new StringBuilder("{\"status\":\"").append(healthy ? "UP" : "DOWN").append("\",\"checks\":{");
        String separator = "";
        for (Map.Entry<String, HealthResult> entry : results.entrySet()) {
            json.append(separator).append(quote(entry.getKey())).append(":{\"healthy\":").append(entry.getValue().healthy())
                    .append(",\"message\":").append(quote(entry.getValue().message())).append('}');
            separator = ",";
        }
        return json.append("}}\n").toString();
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : String.valueOf(text).toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    @Override
    public ContextHandler handler(Server server) {
        ContextHandler context = new ContextHandler(PATH);
        context.setAllowNullPathInContext(true);
        context.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!HttpMethod.GET.is(request.getMethod())) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET");
                    Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                    return true;
                }
                Map<String, HealthResult> results = run();
                boolean healthy = results.values().stream().allMatch(HealthResult::healthy);
                if (!healthy) {
                    LOG.debug("Unhealthy: {}", results);
                }
                response.setStatus(healthy ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.write(true, ByteBuffer.wrap(json(results).getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        return context;
    }

    @Override
    public String toString() {
        return "Health at " + PATH;
    }
}
