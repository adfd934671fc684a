package io.switchboard.health.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;
import org.junit.Test;

/** How the endpoint sums up the Felix results: missing required ones, several of one name, WARN, and the JSON. */
public class HealthEndpointTest {

    @Test
    public void aMissingRequiredCheckIsUnhealthy() {
        Map<String, CheckResult> results = HealthEndpoint.summed(List.of(Map.entry("auth", Checks.ok("users file"))), List.of("auth", "database"));
        assertTrue(results.get("auth").healthy());
        assertFalse(results.get("database").healthy());
        assertEquals(Result.Status.CRITICAL, results.get("database").status());
        assertTrue(results.get("database").message(), results.get("database").message().contains("no 'database' check is registered"));
    }

    @Test
    public void twoChecksOfOneNameAreHealthyOnlyTogetherAndWarnIsHealthy() {
        FormattingResultLog log = new FormattingResultLog();
        log.debug("not shown");
        log.warn("disk {}% full", 91);
        Map<String, CheckResult> results = HealthEndpoint.summed(List.of(
                Map.entry("database", Checks.ok("one")), Map.entry("database", Checks.critical("two is down")),
                Map.entry("disk", new Result(log))), List.of());
        assertFalse(results.get("database").healthy());
        assertEquals(Result.Status.CRITICAL, results.get("database").status());
        assertEquals("one; two is down", results.get("database").message());
        assertTrue(results.get("disk").healthy());
        assertEquals("disk 91% full", results.get("disk").message());
    }

    @Test
    public void theJsonSaysUpOrDownAndEscapesMessages() {
        assertEquals("{\"status\":\"UP\",\"checks\":{\"auth\":{\"healthy\":true,\"message\":\"a \\\"quoted\\\"\\nline\",\"status\":\"OK\"}}}\n",
                HealthEndpoint.json(Map.of("auth", new CheckResult(Result.Status.OK, "a \"quoted\"\nline"))));
        assertTrue(HealthEndpoint.json(Map.of("auth", new CheckResult(Result.Status.CRITICAL, "x"))).startsWith("{\"status\":\"DOWN\""));
    }
}
