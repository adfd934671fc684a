package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

/** Finesse's User and Team REST resources: who may read and change what, and the errors Finesse answers with. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FinesseRestIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(FinesseRestIT.class,
                Map.of("io.switchboard.eventsource.simulator", List.of("intervalMillis = \"3600000\"")));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "administrator", "agent1", "agent3");
    }

    @Test
    public void anAgentReadsAndChangesItsOwnStateOnly() throws Exception {
        assertEquals(202, send("agent1", "PUT", "/finesse/api/User/agent1", "<User><state>READY</state></User>").statusCode());
        HttpResponse<String> me = send("agent1", "GET", "/finesse/api/User/agent1", null);
        assertEquals(200, me.statusCode());
        assertTrue(me.body(), me.body().contains("<state>READY</state>") && me.body().contains("<teamId>1</teamId>"));
        assertEquals(202, send("agent1", "PUT", "/finesse/api/User/agent1",
                "<User><state>NOT_READY</state><reasonCodeId>2</reasonCodeId></User>").statusCode());
        assertTrue(send("agent1", "GET", "/finesse/api/User/agent1", null).body().contains("<label>Lunch</label>"));

        assertError(send("agent1", "PUT", "/finesse/api/User/agent3", "<User><state>READY</state></User>"), 403, "may change only its own state");
        assertError(send("agent1", "GET", "/finesse/api/User/agent3", null), 403, "may not read user agent3");
        assertError(send("agent1", "GET", "/finesse/api/Team/1", null), 403, "does not supervise team 1");
        assertError(send("agent1", "PUT", "/finesse/api/User/agent1", "<User><state>TALKING</state></User>"), 400, "only READY or NOT_READY");
        assertError(send("agent1", "PUT", "/finesse/api/User/agent1", "<User><state>NOT_READY</state><reasonCodeId>7</reasonCodeId></User>"),
                400, "reasonCodeId '7'");
        assertError(send("agent1", "PUT", "/finesse/api/User/agent1", "<User><state>READY"), 400, "not well-formed");
        assertError(send("agent1", "PUT", "/finesse/api/User/agent1",
                "<!DOCTYPE User [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><User><state>&x;</state></User>"), 400, "not well-formed");
    }

    @Test
    public void aSupervisorReadsItsTeamAndItsAgents() throws Exception {
        HttpResponse<String> me = send("administrator", "GET", "/finesse/api/User/administrator", null);
        assertTrue(me.body(), me.body().contains("<teams><Team><id>1</id><name>Team One</name>"));
        HttpResponse<String> team = send("administrator", "GET", "/finesse/api/Team/1", null);
        assertEquals(200, team.statusCode());
        assertTrue(team.body(), team.body().contains("<loginId>agent1</loginId>") && team.body().contains("<loginId>agent2</loginId>")
                && !team.body().contains("<loginId>agent3</loginId>"));
        assertEquals(200, send("administrator", "GET", "/finesse/api/User/agent1", null).statusCode());
        assertError(send("administrator", "GET", "/finesse/api/User/agent3", null), 403, "may not read user agent3");
        assertError(send("administrator", "GET", "/finesse/api/Team/2", null), 403, "does not supervise team 2");
    }

    @Test
    public void aWrongPasswordIsUnauthorized() throws Exception {
        HttpResponse<String> wrong = HttpClient.newHttpClient().send(request("/finesse/api/User/agent1")
                .header("Authorization", basic("agent1", "wrong")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertError(wrong, 401, "wrong user name or password");
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        HttpResponse<String> none = HttpClient.newHttpClient().send(request("/finesse/api/User/agent1").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(none, 401, "HTTP Basic authentication is required");
    }

    /**
     * The REST logins count with SASL's in the login protection; this server trusts loopback (the default),
     * so guesses from here ban no one and the right password still works (bans themselves: BruteForceIT).
     */
    @Test
    public void guessingPasswordsNeverLocksTheAccountOut() throws Exception {
        Server.addUsers(context, "agent2");
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> wrong = HttpClient.newHttpClient().send(request("/finesse/api/User/agent2")
                    .header("Authorization", basic("agent2", "guess" + i)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
        }
        assertEquals("the right password still logs in", 200, send("agent2", "GET", "/finesse/api/User/agent2", null).statusCode());
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertEquals(response.body(), status, response.statusCode());
        assertTrue(response.body(), response.body().startsWith("<ApiErrors><ApiError>") && response.body().contains(message));
    }

    private static HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(request(path).header("Authorization", basic(user, SwitchboardOptions.PASSWORD))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SwitchboardOptions.plainPort() + path));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
