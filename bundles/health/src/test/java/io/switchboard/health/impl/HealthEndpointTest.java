package io.switchboard.health.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

import io.switchboard.api.health.HealthCheck;
import io.switchboard.api.health.HealthResult;
import io.switchboard.testing.Configurations;

/** How the endpoint sums up the checks: missing required ones, several of one name, failures, and the JSON. */
public class HealthEndpointTest {

    private final HealthEndpoint endpoint = new HealthEndpoint(Configurations.of(HealthConfiguration.class, "required", new String[] {"auth", "database"}));

    @Test
    public void aMissingRequiredCheckIsUnhealthy() {
        endpoint.addCheck(() -> HealthResult.ok("users file"), Map.of(HealthCheck.NAME, "auth"));
        Map<String, HealthResult> results = endpoint.run();
        assertTrue(results.get("auth").healthy());
        assertFalse(results.get("database").healthy());
        assertTrue(results.get("database").message(), results.get("database").message().contains("no 'database' check is registered"));
    }

    @Test
    public void twoChecksOfOneNameAreHealthyOnlyTogetherAndAThrowingCheckIsUnhealthy() {
        endpoint.addCheck(() -> HealthResult.ok("one"), Map.of(HealthCheck.NAME, "database"));
        endpoint.addCheck(() -> HealthResult.failed("two is down"), Map.of(HealthCheck.NAME, "database"));
        endpoint.addCheck(() -> {
            throw new IllegalStateException("boom");
        }, Map.of(HealthCheck.NAME, "auth"));
        Map<String, HealthResult> results = endpoint.run();
        assertFalse(results.get("database").healthy());
        assertTrue(results.get("database").message().contains("two is down"));
        assertFalse(results.get("auth").healthy());
        assertTrue(results.get("auth").message().contains("boom"));
    }

    @Test
    public void theJsonSaysUpOrDownAndEscapesMessages() {
        assertEquals("{\"status\":\"UP\",\"checks\":{\"auth\":{\"healthy\":true,\"message\":\"a \\\"quoted\\\"\\nline\"}}}\n",
                HealthEndpoint.json(Map.of("auth", HealthResult.ok("a \"quoted\"\nline"))));
        assertTrue(HealthEndpoint.json(Map.of("auth", HealthResult.failed("x"))).startsWith("{\"status\":\"DOWN\""));
    }
}
