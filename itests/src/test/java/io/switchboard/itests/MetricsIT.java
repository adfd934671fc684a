package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** What monitoring scrapes at /metrics: sessions, logins, stanzas, notifications, the JVM and the bundles. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(MetricsIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1");
    }

    @Test
    public void theCountsFollowWhatHappens() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.login("agent1", "desktop");
            client.ping("counted");
            assertEquals("bad password", "not-authorized", RawXmppClient.plainLogin("agent1", "wrong"));

            String metrics = scrape();
            assertEquals(1.0, value(metrics, "switchboard_sessions{transport=\"websocket\",}"), 0);
            assertEquals(0.0, value(metrics, "switchboard_sessions{transport=\"tcp\",}"), 0);
            assertEquals(1.0, value(metrics, "switchboard_logins_total{mechanism=\"PLAIN\",outcome=\"success\",}"), 0);
            assertEquals(1.0, value(metrics, "switchboard_logins_total{mechanism=\"PLAIN\",outcome=\"failure\",}"), 0);
            assertTrue(value(metrics, "switchboard_stanzas_total{direction=\"in\",transport=\"websocket\",}") >= 1);
            assertTrue(value(metrics, "switchboard_bundles{state=\"active\",}") > 30);
            assertTrue(metrics.contains("jvm_memory_used_bytes{"));
            assertTrue(metrics.contains("jvm_gc_"));
        }
        // the simulator publishes agent events all the time
        await("notifications counted").until(() -> value(scrape(), "switchboard_pubsub_published_total{via=\"event-source\",}") > 0);
        assertTrue(scrape().contains("switchboard_pubsub_fanout_seconds_bucket{"));
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + SwitchboardOptions.plainPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return response.body();
    }

    /** The value of one sample line, e.g. {@code name{tag="x",} 3.0}; fails when the line is missing. */
    private static double value(String metrics, String sample) {
        Matcher line = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        if (!line.find()) {
            throw new AssertionError(sample + " is not in\n" + metrics);
        }
        return Double.parseDouble(line.group(1));
    }
}
