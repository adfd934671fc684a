package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.jivesoftware.smack.packet.StanzaError;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.w3c.dom.Element;

/**
 * The HTTP event source with three instances from factory configurations: "acd" publishes on the
 * server's Finesse nodes, "crm" under its own prefix /crm with its own key, "tiny" allows two
 * requests and then answers 429. A Smack desktop subscribed to the nodes receives exactly the
 * good events; every bad request is refused with its status and field and publishes nothing.
 * (Every value in the files is quoted: FileInstall reads arrays only from files whose values are all typed.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpEventSourceIT {

    private static final String SOURCE = "io.switchboard.eventsource.http";

    @Inject
    private BundleContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(HttpEventSourceIT.class, Map.of(
                SOURCE + "-acd", List.of("name = \"acd\"", "path = \"/events/acd\"", "apiKey = \"key-acd\"",
                        "teams = [ \"7:Desk\" ]", "agents = [ \"hagent1:7\", \"hagent2:7\" ]"),
                SOURCE + "-crm", List.of("name = \"crm\"", "path = \"/events/crm\"", "apiKey = \"key-crm\"", "nodePrefix = \"/crm\"",
                        "teams = [ \"7:Desk\" ]", "agents = [ \"hagent1:7\" ]"),
                SOURCE + "-tiny", List.of("name = \"tiny\"", "path = \"/events/tiny\"", "apiKey = \"key-tiny\"",
                        "teams = [ \"7:Desk\" ]", "agents = [ \"hagent1:7\" ]",
                        "maxRequestsPerSecond = \"0.001\"", "burst = \"2\""),
                // the crm prefix's user nodes are their users' alone, like the Finesse ones
                "io.switchboard.pubsub.access", List.of("userNodes = [ \"/finesse/api/User/{user}\", \"/crm/User/{user}\" ]")));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "hagent1", "hagent2");
        await("three HTTP sources").atMost(Duration.ofSeconds(30))
                .until(() -> Server.gogo(context, "switchboard:sources"), out -> out.contains("acd") && out.contains("crm") && out.contains("tiny"));
    }

    @Test
    public void twoInstancesPublishWithTheirOwnKeysUnderTheirOwnPrefixes() throws Exception {
        long crmEventsBefore = crmEvents(Server.gogo(context, "switchboard:sources"));
        try (SmackDesktop desktop = SmackDesktop.of("hagent1").login()) {
            List<Element> finesse = desktop.subscribe("/finesse/api/User/hagent1");
            List<Element> crm = desktop.subscribe("/crm/User/hagent1");

            assertEquals(200, post("acd", "key-acd", "application/json",
                    "{\"type\":\"agentState\",\"agent\":\"hagent1\",\"state\":\"READY\"}").statusCode());
            assertEquals(200, post("crm", "key-crm", "application/xml",
                    "<event type='agentState'><agent>hagent1</agent><state>TALKING</state></event>").statusCode());
            // each instance knows only its own key
            assertField(post("crm", "key-acd", "application/json", "{}"), 403, "X-API-Key");
            assertField(post("acd", "key-crm", "application/json", "{}"), 403, "X-API-Key");

            await().atMost(Duration.ofSeconds(20)).until(() -> finesse.size() == 1 && crm.size() == 1);
            assertEquals("READY", state(finesse.get(0)));
            assertEquals("/finesse/api/User/hagent1", Xml.childText(user(finesse.get(0)), "uri"));
            assertEquals("TALKING", state(crm.get(0)));
            assertEquals("/crm/User/hagent1", Xml.childText(user(crm.get(0)), "uri"));
            assertEquals("/crm/User/hagent1", Xml.childText(crm.get(0), "source"));

            // a last good event after the refused ones: had they published, they would be here first
            assertEquals(200, post("crm", "key-crm", "application/json",
                    "{\"type\":\"agentState\",\"agent\":\"hagent1\",\"state\":\"HOLD\"}").statusCode());
            await().atMost(Duration.ofSeconds(20)).until(() -> crm.size() == 2);
            assertEquals("HOLD", state(crm.get(1)));
            assertEquals(1, finesse.size());

            String sources = Server.gogo(context, "switchboard:sources");
            assertTrue(sources, sources.contains("acd  RUNNING"));
            assertEquals(sources, crmEventsBefore + 2, crmEvents(sources));
            assertTrue(sources, sources.contains("simulator  RUNNING"));
        }
    }

    @Test
    public void anotherPrefixsUserNodesAreTheirUsersAloneOnceTheAccessPolicyNamesThem() throws Exception {
        assertEquals(200, post("crm", "key-crm", "application/json",
                "{\"type\":\"agentState\",\"agent\":\"hagent1\",\"state\":\"READY\"}").statusCode());
        try (SmackDesktop intruder = SmackDesktop.of("hagent2").login()) {
            PubSubAsserts.assertError("hagent2 on hagent1's crm node", StanzaError.Condition.forbidden, null,
                    () -> intruder.subscribe("/crm/User/hagent1"));
        }
    }

    @Test
    public void badRequestsAreRefusedNamingTheFieldAndPublishNothing() throws Exception {
        try (SmackDesktop desktop = SmackDesktop.of("hagent2").login()) {
            List<Element> updates = desktop.subscribe("/finesse/api/User/hagent2");
            String good = "{\"type\":\"agentState\",\"agent\":\"hagent2\",\"state\":\"READY\"}";

            assertField(post("acd", "key-acd", "application/json", "{\"type\":\"agentState\",\"agent\":\"hagent2\""), 400, "(body)");
            assertField(post("acd", "key-acd", "application/xml", "<event type='agentState'><agent>hagent2</agent>"), 400, "(body)");
            assertField(post("acd", "key-acd", "application/json", "{\"type\":\"agentState\",\"agent\":\"hagent2\"}"), 400, "state");
            assertField(post("acd", "key-acd", "application/xml",
                    "<event type='agentState'><agent>hagent2</agent><state>DOZING</state></event>"), 400, "state");
            assertField(post("acd", "key-acd", "application/json", "{\"type\":\"agentState\",\"agent\":\"mallory\",\"state\":\"READY\"}"),
                    422, "agent");
            // a batch with one bad event publishes none of it, the good one first included
            assertField(post("acd", "key-acd", "application/json", "[" + good + ",{\"type\":\"agentState\",\"agent\":\"hagent2\"}]"),
                    400, "[1].state");
            assertField(post("acd", null, "application/json", good), 401, "X-API-Key");
            assertField(post("acd", "nope", "application/json", good), 403, "X-API-Key");
            assertField(post("acd", "key-acd", "text/plain", good), 415, "Content-Type");
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri("acd")).header("X-API-Key", "key-acd").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertField(get, 405, "method");

            String tiny = "{\"type\":\"agentState\",\"agent\":\"hagent1\",\"state\":\"READY\"}";
            assertEquals(200, post("tiny", "key-tiny", "application/json", tiny).statusCode());
            assertEquals(200, post("tiny", "key-tiny", "application/json", tiny).statusCode());
            HttpResponse<String> over = post("tiny", "key-tiny", "application/json", tiny);
            assertField(over, 429, "(rate)");
            assertTrue(over.headers().firstValue("Retry-After").isPresent());

            // then one good event: the only one the desktop receives
            assertEquals(200, post("acd", "key-acd", "application/json",
                    "{\"type\":\"agentState\",\"agent\":\"hagent2\",\"state\":\"WORK\"}").statusCode());
            await().atMost(Duration.ofSeconds(20)).until(() -> !updates.isEmpty());
            assertEquals(1, updates.size());
            assertEquals("WORK", state(updates.get(0)));
        }
    }

    /** The crm source's event count in switchboard:sources (other tests of the class publish there too). */
    private static long crmEvents(String sources) {
        Matcher line = Pattern.compile("crm  RUNNING  [0-9.]+ events/s  ([0-9]+) events").matcher(sources);
        assertTrue(sources, line.find());
        return Long.parseLong(line.group(1));
    }

    private HttpResponse<String> post(String instance, String key, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(instance)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String instance) {
        return URI.create("http://127.0.0.1:" + SwitchboardOptions.plainPort() + "/events/" + instance);
    }

    private static void assertField(HttpResponse<String> response, int status, String field) {
        assertEquals(response.body(), status, response.statusCode());
        assertTrue(response.body(), response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(response.body() + " should name " + field, response.body().matches("(?s).*\"field\":\"[^\"]*" + java.util.regex.Pattern.quote(field) + "\".*"));
    }

    private static Element user(Element update) {
        return Xml.child(Xml.child(update, "data"), "user");
    }

    private static String state(Element update) {
        return Xml.childText(user(update), "state");
    }
}
