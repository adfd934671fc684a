package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** GET /health: green with every part there, red naming the check when the users store goes, green again when it is back. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(HealthIT.class);
    }

    @Before
    public void ready() {
        Server.awaitReady(context);
    }

    @Test
    public void redWhileTheAuthProviderIsStopped() throws Exception {
        await("healthy").until(() -> health().statusCode() == 200);
        String green = health().body();
        assertTrue(green, green.startsWith("{\"status\":\"UP\""));
        for (String check : new String[] {"auth", "database", "eventsources", "transports"}) {
            assertTrue(check + " in " + green, green.contains("\"" + check + "\":{\"healthy\":true"));
        }

        String status = Server.gogo(context, "switchboard:status");
        assertTrue(status, status.contains("Switchboard is ready, XMPP domain " + SwitchboardOptions.DOMAIN));
        assertTrue(status, status.contains("Live board        https://127.0.0.1:" + SwitchboardOptions.securePort() + "/  http://127.0.0.1:"
                + SwitchboardOptions.plainPort() + "/ (loopback)"));
        assertTrue(status, status.contains("/system/console") && status.contains("XMPP TCP          127.0.0.1: " + SwitchboardOptions.tcpPort()));

        Bundle fileProvider = Server.bundle(context, "io.switchboard.auth-file");
        fileProvider.stop();
        try {
            HttpResponse<String> red = health();
            assertEquals(red.body(), 503, red.statusCode());
            assertTrue(red.body(), red.body().startsWith("{\"status\":\"DOWN\""));
            assertTrue(red.body(), red.body().contains("\"auth\":{\"healthy\":false,\"message\":\"no authentication provider is registered"));
            assertTrue("the others stay green: " + red.body(), red.body().contains("\"database\":{\"healthy\":true"));
        } finally {
            fileProvider.start();
        }
        await("healthy again").until(() -> health().statusCode() == 200);
        assertTrue(health().body().contains("\"auth\":{\"healthy\":true"));

        Server.bundle(context, Server.SIMULATOR).stop();
        HttpResponse<String> noEvents = health();
        assertEquals(503, noEvents.statusCode());
        assertTrue(noEvents.body(), noEvents.body().contains("\"eventsources\":{\"healthy\":false"));
        Server.bundle(context, Server.SIMULATOR).start();
        await("events again").until(() -> health().statusCode() == 200);
    }

    private static HttpResponse<String> health() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + SwitchboardOptions.plainPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return response;
    }
}
