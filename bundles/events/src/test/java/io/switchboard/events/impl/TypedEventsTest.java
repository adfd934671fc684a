package io.switchboard.events.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Test;

import io.switchboard.api.events.Agent;
import io.switchboard.api.events.AgentState;
import io.switchboard.api.events.AgentStateEvent;
import io.switchboard.api.events.ContactCentreEvent;
import io.switchboard.api.events.DialogEvent;
import io.switchboard.api.events.EventSink;
import io.switchboard.api.events.EventSource;
import io.switchboard.api.events.QueueStatisticsEvent;
import io.switchboard.api.events.Team;
import io.switchboard.api.events.TeamMembershipEvent;
import io.switchboard.api.pubsub.EventPublisher;
import io.switchboard.testing.Configurations;

/** Typed events through a sink: which nodes, which Update, in which order, and nothing for a bad event. */
public class TypedEventsTest {

    private static final Instant AT = Instant.parse("2024-03-05T10:00:00Z");
    private static final Team SALES = new Team("1", "Sales");
    private static final Agent AGENT = new Agent("agent1", "Ann", "Lee", "1001", List.of("Agent"), SALES);

    private final Set<String> nodes = new LinkedHashSet<>();
    private final List<String[]> published = new ArrayList<>();
    /** The size of each batch the sink handed over: a batch is stored all or none. */
    private final List<Integer> batches = new ArrayList<>();
    private final EventPublisher publisher = new EventPublisher() {
        @Override
        public void createNode(String node) {
            nodes.add(node);
        }

        @Override
        public String publish(String node, Element payload) {
            nodes.add(node); // as the service does: a missing node is created
            published.add(new String[] {node, payload.getText()});
            return "item" + published.size();
        }

        @Override
        public List<String> publish(List<Publication> publications) {
            batches.add(publications.size());
            return publications.stream().map(publication -> publish(publication.node(), publication.payload())).toList();
        }
    };
    private final TypedEvents events = new TypedEvents(publisher, Configurations.of(EventsConfiguration.class));

    @Test
    public void anAgentStateGoesToTheAgentsNodeThenItsTeamsCreatingThem() throws DocumentException {
        List<String> to = events.sink("test").publish(new AgentStateEvent(AGENT, AgentState.TALKING, AgentState.LOGOUT, null, AT));

        assertEquals(List.of("/finesse/api/User/agent1", "/finesse/api/Team/1/Users"), to);
        assertEquals(2, published.size());
        Element own = DocumentHelper.parseText(published.get(0)[1]).getRootElement();
        assertEquals("TALKING", own.element("data").element("user").elementText("state"));
        assertEquals("LOGOUT", own.element("data").element("user").elementText("pendingState"));
        assertEquals("/finesse/api/User/agent1", own.elementText("source"));
        Element team = DocumentHelper.parseText(published.get(1)[1]).getRootElement();
        assertEquals("Ann", team.element("data").element("user").elementText("firstName"));
        assertEquals("/finesse/api/User/agent1", team.elementText("source"));
        assertEquals("both items in one batch", List.of(2), batches);
    }

    @Test
    public void eventsPublishedTogetherAreOneBatch() {
        List<String> to = events.sink("test").publish(List.of(new AgentStateEvent(AGENT, AgentState.READY, null, null, AT),
                new DialogEvent("d1", AGENT, DialogEvent.Change.CREATED, "ALERTING", null, null, null, null)));

        assertEquals(List.of("/finesse/api/User/agent1", "/finesse/api/Team/1/Users", "/finesse/api/User/agent1/Dialogs"), to);
        assertEquals(List.of(3), batches);
    }

    @Test
    public void anAgentWithoutATeamHasOnlyItsOwnNode() {
        Agent loner = new Agent("solo", null, null, null, null, null);

        assertEquals(List.of("/finesse/api/User/solo"),
                events.sink("test").publish(new AgentStateEvent(loner, AgentState.READY, null, null, AT)));
    }

    @Test
    public void membershipIsAPostOrADeleteOnTheTeamNode() throws DocumentException {
        EventSink sink = events.sink("test");
        sink.publish(new TeamMembershipEvent(new Team("2", "Support"), AGENT, AgentState.READY, true));
        sink.publish(new TeamMembershipEvent(new Team("2", "Support"), AGENT, null, false));

        assertEquals("/finesse/api/Team/2/Users", published.get(0)[0]);
        assertEquals("POST", update(0).elementText("event"));
        assertEquals("READY", update(0).element("data").element("user").elementText("state"));
        assertEquals("DELETE", update(1).elementText("event"));
        assertEquals("/finesse/api/User/agent1", update(1).elementText("source"));
    }

    @Test
    public void aDialogGoesToTheAgentsDialogsNode() throws DocumentException {
        events.sink("test").publish(new DialogEvent("d42", AGENT, DialogEvent.Change.CREATED, "ALERTING", "5551234", "1001", null, AT));

        assertEquals("/finesse/api/User/agent1/Dialogs", published.get(0)[0]);
        Element update = update(0);
        assertEquals("POST", update.elementText("event"));
        assertEquals("/finesse/api/Dialog/d42", update.elementText("source"));
        Element dialog = update.element("data").element("Dialog");
        assertEquals("ALERTING", dialog.elementText("state"));
        assertEquals("5551234", dialog.elementText("fromAddress"));
        assertEquals("Voice", dialog.elementText("mediaType"));
        assertEquals("2024-03-05T10:00:00.000Z", dialog.element("participants").element("Participant").elementText("startTime"));
    }

    @Test
    public void queueStatisticsGoToTheQueueNode() throws DocumentException {
        events.sink("test").publish(new QueueStatisticsEvent("7", "Billing", 3, AT, 2, 1, 4, 9));

        assertEquals("/finesse/api/Queue/7", published.get(0)[0]);
        Element queue = update(0).element("data").element("Queue");
        assertEquals("Billing", queue.elementText("name"));
        assertEquals("3", queue.element("statistics").elementText("callsInQueue"));
        assertEquals("4", queue.element("statistics").elementText("agentsTalkingInbound"));
        assertEquals("/finesse/api/Queue/7", update(0).elementText("source"));
    }

    @Test
    public void aSinkWithItsOwnPrefixPublishesUnderIt() {
        EventSink sink = events.sink("acme", "/acme/cc");

        assertEquals("/acme/cc", sink.nodePrefix());
        assertEquals(List.of("/acme/cc/User/agent1", "/acme/cc/Team/1/Users"),
                sink.publish(new AgentStateEvent(AGENT, AgentState.READY, null, null, AT)));
        assertTrue(published.get(0)[1], published.get(0)[1].contains("<uri>/acme/cc/User/agent1</uri>"));
    }

    @Test
    public void theNodeSchemeIsConfigurable() {
        TypedEvents custom = new TypedEvents(publisher, Configurations.of(EventsConfiguration.class,
                "nodePrefix", "/cc", "userNode", "{prefix}/agents/{agent}", "teamNode", "{prefix}/teams/{team}"));

        assertEquals(List.of("/cc/agents/agent1", "/cc/teams/1"),
                custom.sink("test").nodes(new AgentStateEvent(AGENT, AgentState.READY, null, null, AT)));
        assertEquals(List.of("/cc/User/agent1/Dialogs"), custom.sink("test").nodes(
                new DialogEvent("d1", AGENT, DialogEvent.Change.UPDATED, "ACTIVE", null, null, null, null)));
    }

    @Test
    public void aTemplateWithoutItsPlaceholderIsRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TypedEvents(publisher,
                Configurations.of(EventsConfiguration.class, "teamNode", "{prefix}/Team/Users")));

        assertTrue(e.getMessage(), e.getMessage().contains("io.switchboard.events: teamNode"));
        assertTrue(e.getMessage(), e.getMessage().contains("{team}"));
    }

    @Test
    public void aBadPrefixIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> events.sink("test", "acme"));
        assertThrows(IllegalArgumentException.class, () -> events.sink("test", "/acme/"));
    }

    @Test
    public void anEventOfAnUnknownKindPublishesNothing() {
        ContactCentreEvent stranger = new ContactCentreEvent() {
        };

        assertThrows(IllegalArgumentException.class, () -> events.sink("test").publish(stranger));
        assertTrue(published.isEmpty());
        assertTrue(nodes.isEmpty());
    }

    @Test
    public void createNodesCreatesWithoutPublishing() {
        List<String> created = events.sink("test").createNodes(new AgentStateEvent(AGENT, AgentState.LOGOUT, null, null, AT));

        assertEquals(List.of("/finesse/api/User/agent1", "/finesse/api/Team/1/Users"), created);
        assertEquals(Set.copyOf(created), nodes);
        assertTrue(published.isEmpty());
    }

    @Test
    public void sourcesListsEachSourceWithItsStateAndCount() {
        SourceCommands commands = new SourceCommands(events);
        assertEquals("No event sources", commands.sources());
        EventSink sink = events.sink("feed");
        sink.publish(new AgentStateEvent(AGENT, AgentState.READY, null, null, AT));
        sink.publish(new AgentStateEvent(AGENT, AgentState.NOT_READY, null, null, AT));
        commands.addSource(source("feed", EventSource.State.RUNNING));
        commands.addSource(source("another", EventSource.State.FAILING));

        String[] lines = commands.sources().split("\n");

        assertEquals(2, lines.length);
        assertTrue(lines[0], lines[0].startsWith("another  FAILING  0.0 events/s  0 events"));
        assertTrue(lines[1], lines[1].startsWith("feed  RUNNING  ") && lines[1].endsWith("  2 events"));
    }

    @Test
    public void inAClusterEachSourceSaysWhichMemberRunsIt() {
        SourceCommands commands = new SourceCommands(events);
        commands.addSource(source("http", EventSource.State.RUNNING));
        commands.addSource(source("simulator", EventSource.State.STANDBY));
        commands.bindCluster(new io.switchboard.api.cluster.Cluster() {
            @Override
            public Member local() {
                return new Member("B", "127.0.0.1:5702", "b.example");
            }

            @Override
            public java.util.List<Member> members() {
                return java.util.List.of(new Member("A", "127.0.0.1:5701", "a.example"), local());
            }
        });

        String[] lines = commands.sources().split("\n");

        assertTrue(lines[0], lines[0].startsWith("http  RUNNING  ") && lines[0].endsWith("  runs on this member (B)"));
        assertTrue(lines[1], lines[1].startsWith("simulator  STANDBY  ") && lines[1].endsWith("  runs on member A (the oldest)"));
    }

    private static EventSource source(String name, EventSource.State state) {
        return new EventSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public State state() {
                return state;
            }
        };
    }

    private Element update(int index) throws DocumentException {
        return DocumentHelper.parseText(published.get(index)[1]).getRootElement();
    }
}
