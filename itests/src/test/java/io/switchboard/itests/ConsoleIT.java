package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The Felix Web Console on the server's own Jetty: administrators only, bundle upload, and the Switchboard pages show the server. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(ConsoleIT.class, Map.of("io.switchboard.console", List.of("admins = [ \"administrator\" ]")));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "administrator", "agent1");
    }

    @Test
    public void onlyAdministratorsGetIn() throws Exception {
        HttpResponse<String> anonymous = get("/system/console/bundles", null, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals("a user who is no administrator", 401, get("/system/console/bundles", "agent1", SwitchboardOptions.PASSWORD).statusCode());
        assertEquals("a wrong password", 401, get("/system/console/bundles", "administrator", "wrong").statusCode());
        assertEquals(401, get("/system/console/switchboard-sessions", null, null).statusCode());

        HttpResponse<String> crossSite = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + SwitchboardOptions.plainPort() + "/system/console/bundles/99999"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("administrator:" + SwitchboardOptions.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Origin", "https://elsewhere.example").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=stop")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("another site's page posting with the administrator's credentials", 403, crossSite.statusCode());

        HttpResponse<String> bundles = get("/system/console/bundles.json", "administrator", SwitchboardOptions.PASSWORD);
        assertEquals(200, bundles.statusCode());
        assertTrue(bundles.body().contains("io.switchboard.console") && bundles.body().contains("io.switchboard.core"));
    }

    @Test
    public void theSwitchboardPagesShowSessionsNodesAndEventSources() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.login("agent1", "desktop");
            HttpResponse<String> sessions = get("/system/console/switchboard-sessions", "administrator", SwitchboardOptions.PASSWORD);
            assertEquals(200, sessions.statusCode());
            assertTrue(sessions.body(), sessions.body().contains("<td>agent1@" + SwitchboardOptions.DOMAIN + "/desktop</td><td>websocket</td><td>/127.0.0.1:"));
        }
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> nodes = get("/system/console/switchboard-nodes", "administrator", SwitchboardOptions.PASSWORD);
        assertTrue(nodes.body(), nodes.body().contains("<td>/finesse/api/User/agent1</td>") && nodes.body().contains("<td>/finesse/api/Team/1/Users</td>"));
        assertTrue(nodes.body(), nodes.body().contains("<th>Last publish (UTC)</th>"));
        // the simulator publishes agent1's state all the time: its node's last publish moves on
        await("agent1's node published to since the test began").until(() -> {
            Instant last = lastPublish(get("/system/console/switchboard-nodes", "administrator", SwitchboardOptions.PASSWORD).body(),
                    "/finesse/api/User/agent1");
            return last != null && !last.isBefore(before);
        });
        HttpResponse<String> sources = get("/system/console/switchboard-eventsources", "administrator", SwitchboardOptions.PASSWORD);
        assertTrue(sources.body(), sources.body().contains("ContactCentreSimulator") && sources.body().contains("events published ("));
        // the Felix Health Check page runs Switchboard's checks
        HttpResponse<String> health = get("/system/console/healthcheck?tags=switchboard&forceInstantExecution=true", "administrator", SwitchboardOptions.PASSWORD);
        assertEquals(200, health.statusCode());
        for (String check : new String[] {"auth", "database", "eventsources", "transports"}) {
            assertTrue(check + " in " + health.body(), health.body().contains(check));
        }
        assertTrue(health.body(), health.body().contains("the pubsub database at") && !health.body().contains("CRITICAL"));
    }

    @Test
    public void anAdministratorUploadsAndStartsABundle() throws Exception {
        byte[] jar = Files.readAllBytes(Path.of(System.getProperty("switchboard.example.component")));
        String boundary = "switchboard" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"action", "install"}, {"bundlestart", "start"}, {"bundlestartlevel", "2"}}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n" + field[1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundlefile\"; filename=\"example-component.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jar);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + SwitchboardOptions.plainPort() + "/system/console/bundles"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("administrator:" + SwitchboardOptions.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(upload.body(), upload.statusCode() == 302 || upload.statusCode() == 200);
        await("installed and started").until(() -> Arrays.stream(context.getBundles())
                .anyMatch(bundle -> "io.switchboard.example-component".equals(bundle.getSymbolicName()) && bundle.getState() == Bundle.ACTIVE));
    }

    @Test
    public void theConsoleLeavesTheOtherRootMountsAlone() throws Exception {
        assertEquals("the board", 200, get("/", null, null).statusCode());
        assertEquals("nothing there", 404, get("/nothing-here", null, null).statusCode());
        assertEquals(200, get("/health", null, null).statusCode());
    }

    /** The node's "Last publish" cell (the row's last) as a time; null when it is no time. */
    private static Instant lastPublish(String page, String node) {
        Matcher row = Pattern.compile("<tr><td>" + Pattern.quote(node) + "</td>.*<td>([^<]*)</td></tr>").matcher(page);
        if (!row.find()) {
            throw new AssertionError("no row for " + node + " in " + page);
        }
        try {
            return Instant.parse(row.group(1));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SwitchboardOptions.plainPort() + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
