package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

/** /metrics on a port of its own (io.switchboard.metrics: port, bindAddress, alsoOnMainPorts), off the clients' listeners. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsPortIT {

    private static final String METRICS_PORT = "switchboard.itest.metricsPort";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        int port = SwitchboardOptions.freePort();
        System.setProperty(METRICS_PORT, String.valueOf(port));
        return SwitchboardOptions.server(MetricsPortIT.class, Map.of("io.switchboard.metrics", List.of("port = " + port)));
    }

    @Before
    public void ready() {
        Server.awaitReady(context);
    }

    @Test
    public void theMetricsMoveToTheirOwnPortAndBackAsConfigured() throws Exception {
        int port = Integer.getInteger(METRICS_PORT);
        await("metrics on their own port").until(() -> get(port, "/metrics").statusCode() == 200);
        HttpResponse<String> metrics = get(port, "/metrics");
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(metrics.body(), metrics.body().contains("switchboard_sessions{transport=\"websocket\",}")
                && metrics.body().contains("jvm_memory_used_bytes{"));
        assertEquals("only /metrics there", 404, get(port, "/health").statusCode());
        assertEquals("read-only", 405, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals("no longer on the main listener", 404, get(SwitchboardOptions.plainPort(), "/metrics").statusCode());
        assertEquals(200, get(SwitchboardOptions.plainPort(), "/health").statusCode());
        String status = Server.gogo(context, "switchboard:status");
        assertTrue(status, status.contains("Metrics           http://127.0.0.1:" + port + "/metrics"));

        Path config = SwitchboardOptions.work().resolve("config/io.switchboard.metrics.cfg");
        SwitchboardOptions.write(config, "port = " + port, "alsoOnMainPorts = true");
        // File Install may apply a file twice, restarting the metrics twice: wait for both to serve
        await("on both").until(() -> get(SwitchboardOptions.plainPort(), "/metrics").statusCode() == 200
                && get(port, "/metrics").statusCode() == 200);

        SwitchboardOptions.write(config, "port = -1");
        // closed as the old configuration stops, then back on the main listeners as the new one starts
        await("its own port closed").until(() -> refused(port));
        await("back on the main listeners").until(() -> get(SwitchboardOptions.plainPort(), "/metrics").statusCode() == 200);
        assertTrue(refused(port));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refused(int port) throws Exception {
        try {
            get(port, "/metrics");
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
