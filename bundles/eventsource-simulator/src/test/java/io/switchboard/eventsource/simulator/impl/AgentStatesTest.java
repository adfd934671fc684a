package io.switchboard.eventsource.simulator.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.dom4j.Element;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.switchboard.api.pubsub.EventPublisher;
import io.switchboard.events.impl.EventsConfiguration;
import io.switchboard.events.impl.TypedEvents;
import io.switchboard.testing.Configurations;

/** The simulator as the Finesse REST API sees it: the User and Team documents, and state changes an agent asks for. */
public class AgentStatesTest {

    private final List<String> published = new CopyOnWriteArrayList<>();
    private final ContactCentreSimulator simulator = new ContactCentreSimulator(new TypedEvents(new EventPublisher() {
        @Override
        public void createNode(String node) {
        }

        @Override
        public String publish(String node, Element payload) {
            published.add(node + " " + payload.getText());
            return "item";
        }

        @Override
        public List<String> publish(List<Publication> publications) {
            return publications.stream().map(publication -> publish(publication.node(), publication.payload())).toList();
        }
    }, Configurations.of(EventsConfiguration.class)), ClusterConfigurations.none(), Configurations.of(SimulatorConfiguration.class, "teams", new String[] {"1:Sales", "2:Support"},
            "agents", new String[] {"agent1:1", "agent2:2"}, "supervisors", new String[] {"boss:1"}, "intervalMillis", 3_600_000L));

    @Before
    public void start() {
        simulator.activate(); // a single node: it runs here
    }

    @After
    public void stop() throws InterruptedException {
        simulator.deactivate();
    }

    @Test
    public void aSupervisorsUserNamesTheTeamsItSupervises() {
        Element boss = simulator.user("boss").orElseThrow();
        assertEquals("User", boss.getName());
        assertEquals("1", boss.elementText("teamId"));
        assertEquals("1", boss.element("teams").element("Team").elementText("id"));
        assertEquals("Sales", boss.element("teams").element("Team").elementText("name"));
        assertEquals(null, simulator.user("agent1").orElseThrow().element("teams"));
        assertTrue(simulator.user("stranger").isEmpty());
    }

    @Test
    public void aTeamListsItsMembersWithTheirStates() {
        Element team = simulator.team("1").orElseThrow();
        assertEquals("Sales", team.elementText("name"));
        List<String> members = team.element("users").elements("User").stream().map(user -> user.elementText("loginId")).toList();
        assertEquals(List.of("agent1", "boss"), members);
        assertEquals("NOT_READY", team.element("users").elements("User").get(0).elementText("state"));
        assertTrue(simulator.team("9").isEmpty());
    }

    @Test
    public void readyAndNotReadyWithAReasonArePublishedToTheUserAndTeamNodes() {
        assertTrue(simulator.changeState("agent1", "READY", null));
        assertEquals("READY", simulator.user("agent1").orElseThrow().elementText("state"));
        assertTrue(published.toString(), published.stream()
                .anyMatch(item -> item.startsWith("/finesse/api/User/agent1 ") && item.contains("<state>READY</state>")));
        assertTrue(published.toString(), published.stream().anyMatch(item -> item.startsWith("/finesse/api/Team/1/Users ")));

        assertTrue(simulator.changeState("agent1", "NOT_READY", "2"));
        Element agent1 = simulator.user("agent1").orElseThrow();
        assertEquals("NOT_READY", agent1.elementText("state"));
        assertEquals("2", agent1.elementText("reasonCodeId"));
        assertEquals("Lunch", agent1.element("ReasonCode").elementText("label"));
    }

    @Test
    public void unknownUsersStatesAndReasonsAreRefused() {
        assertFalse(simulator.changeState("stranger", "READY", null));
        IllegalArgumentException state = assertThrows(IllegalArgumentException.class, () -> simulator.changeState("agent1", "TALKING", null));
        assertTrue(state.getMessage(), state.getMessage().contains("'TALKING'") && state.getMessage().contains("READY or NOT_READY"));
        IllegalArgumentException reason = assertThrows(IllegalArgumentException.class, () -> simulator.changeState("agent1", "NOT_READY", "3"));
        assertTrue(reason.getMessage(), reason.getMessage().contains("'3'") && reason.getMessage().contains("1 Break"));
        assertTrue("nothing published for a refusal", published.isEmpty());
    }
}
