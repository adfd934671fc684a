package io.switchboard.metrics.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.Test;

import io.switchboard.http.ReadOnlyResource;

/** The metrics port: only its one resource, a clear error naming the PID and key when the port is taken, and free again once closed. */
public class MetricsListenerTest {

    private static final ReadOnlyResource.Answer ANSWER = new ReadOnlyResource.Answer(200, "text/plain", "up 1\n");

    @Test
    public void servesItsOneResourceAndLetsThePortGoWhenClosed() throws Exception {
        int port;
        try (MetricsListener listener = new MetricsListener("127.0.0.1", 0, "/metrics", () -> ANSWER)) {
            port = listener.port();
            assertEquals("up 1\n", get(port, "/metrics").body());
            assertEquals(404, get(port, "/health").statusCode());
            IllegalStateException taken = assertThrows(IllegalStateException.class,
                    () -> new MetricsListener("127.0.0.1", port, "/metrics", () -> ANSWER));
            assertTrue(taken.getMessage(), taken.getMessage().startsWith("io.switchboard.metrics: cannot listen on bindAddress 127.0.0.1 port " + port));
        }
        assertThrows(ConnectException.class, () -> get(port, "/metrics"));
        try (MetricsListener again = new MetricsListener("127.0.0.1", port, "/metrics", () -> ANSWER)) {
            assertEquals("the same port again", 200, get(port, "/metrics").statusCode());
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
