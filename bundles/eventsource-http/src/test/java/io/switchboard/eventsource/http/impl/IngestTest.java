package io.switchboard.eventsource.http.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.switchboard.api.events.AgentState;
import io.switchboard.api.events.AgentStateEvent;
import io.switchboard.api.events.ContactCentreEvent;
import io.switchboard.api.events.DialogEvent;
import io.switchboard.api.events.EventSink;
import io.switchboard.api.events.QueueStatisticsEvent;
import io.switchboard.api.events.TeamMembershipEvent;
import io.switchboard.api.pubsub.StoreException;

/** Every answer of the endpoint, without HTTP: what is refused, with which status and field, and that it publishes nothing. */
public class IngestTest {

    private static final String KEY = "s3cret";
    private static final Instant NOW = Instant.parse("2024-03-05T10:00:00Z");

    private final List<ContactCentreEvent> published = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private boolean storeFails;
    private final EventSink sink = new EventSink() {
        @Override
        public String source() {
            return "test";
        }

        @Override
        public String nodePrefix() {
            return "/finesse/api";
        }

        @Override
        public List<String> nodes(ContactCentreEvent event) {
            return List.of("/node");
        }

        @Override
        public List<String> createNodes(ContactCentreEvent event) {
            return nodes(event);
        }

        @Override
        public List<String> publish(ContactCentreEvent event) {
            return publish(List.of(event));
        }

        /** As the server's sink: all of them or, when the store fails, none. */
        @Override
        public List<String> publish(List<? extends ContactCentreEvent> events) {
            if (storeFails) {
                throw new StoreException("disk full", null);
            }
            published.addAll(events);
            return events.stream().flatMap(event -> nodes(event).stream()).toList();
        }
    };
    private final Directory directory = new Directory("pid", new String[] {"1:Sales", "2:Support"},
            new String[] {"agent1:1", "agent2:2", "solo"}, new String[] {"boss:1"});
    /** A rate of one a second after a burst of three: the rate tests use it up, the others never do. */
    private final Ingest ingest = new Ingest("test", KEY, new TokenBucket(1, 3, nanos::get),
            new EventReader(directory, Clock.fixed(NOW, ZoneOffset.UTC)), sink, 2048, 5);
    private boolean clockStill;

    @Test
    public void aJsonAgentStateIsPublished() {
        Ingest.Answer answer = json("{\"type\":\"agentState\",\"agent\":\"agent1\",\"state\":\"NOT_READY\",\"pendingState\":\"LOGOUT\","
                + "\"reasonCode\":{\"id\":2,\"code\":32762,\"label\":\"Lunch\"},\"firstName\":\"Ann\"}");

        assertEquals(answer.json(), 200, answer.status());
        assertEquals(1, JsonParser.parseString(answer.json()).getAsJsonObject().get("published").getAsInt());
        AgentStateEvent event = (AgentStateEvent) published.get(0);
        assertEquals(AgentState.NOT_READY, event.state());
        assertEquals(AgentState.LOGOUT, event.pendingState());
        assertEquals(AgentState.NOT_READY, event.reasonCode().category());
        assertEquals(32762, event.reasonCode().code());
        assertEquals("Ann", event.agent().firstName());
        assertEquals("Sales", event.agent().team().name());
        assertEquals(NOW, event.stateChangeTime());
    }

    @Test
    public void anXmlBatchOfEveryKindIsPublishedInOrder() {
        Ingest.Answer answer = xml("<events>"
                + "<event type='agentState'><agent>boss</agent><state>READY</state><stateChangeTime>2024-01-01T08:00:00.5Z</stateChangeTime></event>"
                + "<event><type>teamMembership</type><agent>agent1</agent><team>2</team><joined>true</joined></event>"
                + "<event type='dialog'><agent>agent2</agent><dialogId>d1</dialogId><change>CREATED</change><state>ALERTING</state></event>"
                + "<event type='queueStatistics'><queue>7</queue><callsInQueue>3</callsInQueue></event>"
                + "</events>");

        assertEquals(answer.json(), 200, answer.status());
        assertEquals(4, published.size());
        AgentStateEvent boss = (AgentStateEvent) published.get(0);
        assertEquals(List.of("Agent", "Supervisor"), boss.agent().roles());
        assertEquals(Instant.parse("2024-01-01T08:00:00.500Z"), boss.stateChangeTime());
        assertTrue(((TeamMembershipEvent) published.get(1)).joined());
        assertEquals(DialogEvent.Change.CREATED, ((DialogEvent) published.get(2)).change());
        assertEquals(3, ((QueueStatisticsEvent) published.get(3)).callsInQueue());
    }

    @Test
    public void anAgentWithoutATeamIsKnownToo() {
        assertEquals(200, json("{\"type\":\"agentState\",\"agent\":\"solo\",\"state\":\"READY\"}").status());
        assertEquals(null, ((AgentStateEvent) published.get(0)).agent().team());
    }

    @Test
    public void malformedJsonIs400() {
        refused(json("{\"type\":\"agentState\",\"agent\":\"agent1\""), 400, "(body)", "malformed JSON");
        refused(json("{\"type\":\"agentState\"} trailing"), 400, "(body)", "malformed JSON");
        refused(json("{type:'agentState'}"), 400, "(body)", "malformed JSON"); // strict, not lenient
        refused(json("42"), 400, "(body)", "event object");
    }

    @Test
    public void malformedXmlIs400AndDoctypesAreRefused() {
        refused(xml("<event><agent>agent1</event>"), 400, "(body)", "malformed XML");
        refused(xml("<!DOCTYPE event [<!ENTITY x 'y'>]><event type='agentState'/>"), 400, "(body)", "malformed XML");
        refused(xml("<agent/>"), 400, "(root)", "<event> or <events>");
    }

    @Test
    public void aMissingFieldIsNamed() {
        refused(json("{\"type\":\"agentState\",\"agent\":\"agent1\"}"), 400, "state", "missing field 'state'");
        refused(json("{\"agent\":\"agent1\"}"), 400, "type", "missing field 'type'");
        refused(json("{\"type\":\"agentState\",\"agent\":\"agent1\",\"state\":\"READY\",\"reasonCode\":{\"id\":1,\"code\":2}}"),
                400, "reasonCode.label", "missing field 'reasonCode.label'");
        refused(xml("<event type='dialog'><agent>agent1</agent><change>CREATED</change><state>ACTIVE</state></event>"),
                400, "dialogId", "missing field 'dialogId'");
    }

    @Test
    public void aBadValueIsNamed() {
        refused(json("{\"type\":\"agentState\",\"agent\":\"agent1\",\"state\":\"SLEEPING\"}"), 400, "state", "'SLEEPING' is not an agent state");
        refused(json("{\"type\":\"party\"}"), 400, "type", "unknown type 'party'");
        refused(json("{\"type\":\"queueStatistics\",\"queue\":\"7\",\"callsInQueue\":-1}"), 400, "callsInQueue", "whole number");
        refused(json("{\"type\":\"agentState\",\"agent\":\"agent1\",\"state\":\"READY\",\"stateChangeTime\":\"yesterday\"}"),
                400, "stateChangeTime", "ISO-8601");
        refused(json("{\"type\":\"agentState\",\"agent\":{\"id\":1},\"state\":\"READY\"}"), 400, "agent", "must be a string");
    }

    @Test
    public void anUnknownAgentOrTeamIs422() {
        refused(json("{\"type\":\"agentState\",\"agent\":\"mallory\",\"state\":\"READY\"}"), 422, "agent", "unknown agent 'mallory'");
        refused(json("{\"type\":\"teamMembership\",\"agent\":\"agent1\",\"team\":\"9\",\"joined\":true}"), 422, "team", "unknown team '9'");
    }

    @Test
    public void oneBadEventInABatchPublishesNone() {
        Ingest.Answer answer = json("{\"events\":[{\"type\":\"agentState\",\"agent\":\"agent1\",\"state\":\"READY\"},"
                + "{\"type\":\"agentState\",\"agent\":\"agent2\",\"state\":\"NAPPING\"}]}");

        refused(answer, 400, "events[1].state", "events[1].state");
        assertTrue(published.isEmpty());
    }

    @Test
    public void theApiKeyIsRequiredAndChecked() {
        refused(ingest.handle("POST", "application/json", null, null, -1, body("{}")), 401, "X-API-Key", "missing API key");
        refused(ingest.handle("POST", "application/json", "guess", null, -1, body("{}")), 403, "X-API-Key", "wrong API key");
        refused(ingest.handle("POST", "application/json", null, "Bearer guess", -1, body("{}")), 403, "X-API-Key", "wrong API key");
        Ingest.Answer bearer = ingest.handle("POST", "application/json", null, "Bearer " + KEY, -1,
                body("{\"type\":\"agentState\",\"agent\":\"agent1\",\"state\":\"READY\"}"));
        assertEquals(bearer.json(), 200, bearer.status());
    }

    @Test
    public void overTheRateIs429UntilTokensComeBack() {
        String event = "{\"type\":\"agentState\",\"agent\":\"agent1\",\"state\":\"READY\"}";
        clockStill = true;
        for (int i = 0; i < 3; i++) {
            assertEquals(200, json(event).status());
        }
        Ingest.Answer over = json(event);
        refused(over, 429, "(rate)", "too many requests");
        assertEquals("1", over.headers().get("Retry-After"));
        assertEquals(3, published.size());
        nanos.addAndGet(1_000_000_000L);
        assertEquals(200, json(event).status());
    }

    @Test
    public void wrongKeysDoNotUseUpTheRate() {
        clockStill = true;
        for (int i = 0; i < 10; i++) {
            ingest.handle("POST", "application/json", "guess", null, -1, body("{}"));
        }
        assertEquals(200, json("{\"type\":\"agentState\",\"agent\":\"agent1\",\"state\":\"READY\"}").status());
    }

    @Test
    public void methodTypeAndSizeAreChecked() {
        Ingest.Answer get = ingest.handle("GET", null, KEY, null, -1, body(""));
        refused(get, 405, "method", "POST");
        assertEquals("POST", get.headers().get("Allow"));
        refused(ingest.handle("POST", "text/plain", KEY, null, -1, body("hi")), 415, "Content-Type", "text/plain");
        refused(ingest.handle("POST", "application/json", KEY, null, 4096, body("{}")), 413, "(body)", "2048");
        refused(json("{\"pad\":\"" + "x".repeat(3000) + "\"}"), 413, "(body)", "2048"); // no Content-Length, still stopped
        refused(json("[" + "{\"type\":\"queueStatistics\",\"queue\":\"1\",\"callsInQueue\":0},".repeat(5)
                + "{\"type\":\"queueStatistics\",\"queue\":\"1\",\"callsInQueue\":0}]"), 413, "events", "at most 5");
        assertTrue(published.isEmpty());
    }

    @Test
    public void aStoreFailureIs503AndTheSourceFailing() {
        storeFails = true;
        refused(json("[{\"type\":\"agentState\",\"agent\":\"agent1\",\"state\":\"READY\"},"
                + "{\"type\":\"agentState\",\"agent\":\"agent2\",\"state\":\"READY\"}]"), 503, "(store)", "could not be stored");
        assertTrue("the batch went to the sink as one", published.isEmpty());
        assertTrue(ingest.failing());
        storeFails = false;
        assertEquals(200, json("{\"type\":\"agentState\",\"agent\":\"agent1\",\"state\":\"READY\"}").status());
        assertEquals(false, ingest.failing());
    }

    @Test
    public void aBadDirectoryIsRefusedNamingTheKey() {
        IllegalArgumentException e = org.junit.Assert.assertThrows(IllegalArgumentException.class,
                () -> new Directory("io.switchboard.eventsource.http", new String[] {"1:Sales"}, new String[] {"a:3"}, new String[0]));
        assertTrue(e.getMessage(), e.getMessage().contains("io.switchboard.eventsource.http: agents entry 'a:3' names team 3"));
    }

    private void refused(Ingest.Answer answer, int status, String field, String message) {
        assertEquals(answer.json(), status, answer.status());
        JsonObject error = JsonParser.parseString(answer.json()).getAsJsonObject();
        assertEquals(answer.json(), field, error.get("field").getAsString());
        assertTrue(answer.json(), error.get("error").getAsString().contains(message));
    }

    private Ingest.Answer json(String body) {
        tick();
        return ingest.handle("POST", "application/json; charset=UTF-8", KEY, null, -1, body(body));
    }

    private Ingest.Answer xml(String body) {
        tick();
        return ingest.handle("POST", "application/xml", KEY, null, -1, body(body));
    }

    /** A second passes between two requests, so the rate is never reached unless a test holds the clock. */
    private void tick() {
        if (!clockStill) {
            nanos.addAndGet(1_000_000_000L);
        }
    }

    private static ByteArrayInputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
