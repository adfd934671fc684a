package io.switchboard.eventsource.simulator.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dom4j.Element;
import org.junit.Test;

import io.switchboard.api.events.ContactCentreEvents;
import io.switchboard.api.pubsub.EventPublisher;
import io.switchboard.events.impl.EventsConfiguration;
import io.switchboard.events.impl.TypedEvents;
import io.switchboard.testing.Configurations;

/**
 * What the constructor makes of a configuration. The pace is a minute, so nothing is published
 * while a test runs; the one simulator that starts is deactivated at once.
 */
public class ContactCentreSimulatorTest {

    private final List<String> created = new ArrayList<>();
    private final EventPublisher publisher = new EventPublisher() {
        @Override
        public void createNode(String node) {
            created.add(node);
        }

        @Override
        public String publish(String node, Element payload) {
            throw new AssertionError("nothing is published while configuring");
        }

        @Override
        public List<String> publish(List<Publication> publications) {
            return publications.stream().map(publication -> publish(publication.node(), publication.payload())).toList();
        }
    };
    private final ContactCentreEvents events = new TypedEvents(publisher, Configurations.of(EventsConfiguration.class));

    @Test
    public void agentOfAnUnknownTeamIsRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(
                events, ClusterConfigurations.none(), config(new String[] {"1:Sales"}, new String[] {"agent1:1", "agent2:9"}, new String[0])));

        assertMentions(e, "agents", "'agent2:9'", "team 9", "io.switchboard.eventsource.simulator");
        assertTrue("no node is created for a rejected configuration", created.isEmpty());
    }

    @Test
    public void supervisorOfAnUnknownTeamIsRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(
                events, ClusterConfigurations.none(), config(new String[] {"1:Sales"}, new String[] {"agent1:1"}, new String[] {"boss:2"})));

        assertMentions(e, "supervisors", "'boss:2'", "team 2");
        assertTrue(created.isEmpty());
    }

    @Test
    public void entryThatIsNotIdColonValueIsRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(
                events, ClusterConfigurations.none(), config(new String[] {"Sales"}, new String[0], new String[0])));

        assertMentions(e, "teams", "'Sales'", "id:value");
    }

    @Test
    public void itCreatesEveryNodeAndTellsWhoSupervisesWhichTeam() throws InterruptedException {
        ContactCentreSimulator simulator = new ContactCentreSimulator(events, ClusterConfigurations.none(), config(new String[] {"1:Sales", "2:Support"},
                new String[] {"agent1:1", "agent2:2"}, new String[] {"boss:1", "boss:2", "lead:2"}));
        try {
            assertEquals(Set.of("/finesse/api/Team/1/Users", "/finesse/api/Team/2/Users", "/finesse/api/User/agent1",
                    "/finesse/api/User/agent2", "/finesse/api/User/boss", "/finesse/api/User/lead"), Set.copyOf(created));
            assertEquals(Set.of("1", "2"), simulator.supervisedTeams("boss"));
            assertEquals(Set.of("2"), simulator.supervisedTeams("lead"));
            assertEquals(Set.of(), simulator.supervisedTeams("agent1"));
            assertEquals(Set.of(), simulator.supervisedTeams("stranger"));
        } finally {
            simulator.deactivate();
        }
    }

    @Test
    public void queueEntriesAndCallNumbersAreCheckedNamingTheKey() {
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(events, ClusterConfigurations.none(), calls(
                "queues", new String[] {"q1:Sales Queue:1", "q2:Support Queue:1,7"}))), "queues", "'q2:Support Queue:1,7'", "team 7");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(events, ClusterConfigurations.none(), calls(
                "queues", new String[] {"q1:1"}))), "queues", "'q1:1'", "id:name:teamId");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(events, ClusterConfigurations.none(), calls(
                "queues", new String[] {"q1:A:1", "q1:B:2"}))), "queues", "repeats queue id q1");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(events, ClusterConfigurations.none(), calls(
                "callsPerMinute", -1.0))), "io.switchboard.eventsource.simulator", "callsPerMinute", "-1.0");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(events, ClusterConfigurations.none(), calls(
                "holdPercent", 120.0))), "holdPercent", "percentage");
        assertTrue("no node is created for a rejected configuration", created.isEmpty());
    }

    @Test
    public void queuesMayNameSeveralTeamsAndNoneMeansOnePerTeam() {
        Map<String, Agent.Team> teams = new LinkedHashMap<>();
        teams.put("1", new Agent.Team("1", "Sales"));
        teams.put("2", new Agent.Team("2", "Support"));

        List<CallQueue> queues = ContactCentreSimulator.queues(new String[] {"q1:Sales: Priority:1", "q2:Overflow:1, 2"}, teams);
        assertEquals("Sales: Priority", queues.get(0).name);
        assertEquals(List.of("1", "2"), queues.get(1).teamIds);

        List<CallQueue> perTeam = ContactCentreSimulator.queues(new String[0], teams);
        assertEquals(List.of("1", "2"), perTeam.stream().map(queue -> queue.id).toList());
        assertEquals("Support", perTeam.get(1).name);
        assertEquals(List.of("2"), perTeam.get(1).teamIds);
    }

    @Test
    public void withCallsTheDialogsAndQueueNodesAreCreatedToo() throws InterruptedException {
        ContactCentreSimulator simulator = new ContactCentreSimulator(new TypedEvents(new EventPublisher() {
            @Override
            public void createNode(String node) {
                created.add(node);
            }

            @Override
            public String publish(String node, Element payload) {
                return "item"; // the simulation runs while the test looks at the nodes
            }

            @Override
            public List<String> publish(List<Publication> publications) {
                return publications.stream().map(publication -> "item").toList();
            }
        }, Configurations.of(EventsConfiguration.class)), ClusterConfigurations.none(), calls("queues", new String[] {"q1:Sales Queue:1"}));
        try {
            assertTrue(created.toString(), created.containsAll(List.of("/finesse/api/User/agent1/Dialogs",
                    "/finesse/api/User/boss/Dialogs", "/finesse/api/Queue/q1")));
            assertFalse("only the configured queues", created.contains("/finesse/api/Queue/1"));
        } finally {
            simulator.deactivate();
        }
    }

    /** One team, agent1 and boss, calls on, and the given keys. */
    private static SimulatorConfiguration calls(Object... more) {
        List<Object> values = new ArrayList<>(List.of("teams", new String[] {"1:Sales", "2:Support"}, "agents", new String[] {"agent1:1"},
                "supervisors", new String[] {"boss:1"}, "intervalMillis", 60_000L, "callsPerMinute", 1.0));
        values.addAll(List.of(more));
        return Configurations.of(SimulatorConfiguration.class, values.toArray());
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue("'" + e.getMessage() + "' should mention " + part, e.getMessage().contains(part));
        }
    }

    /** What Configuration Admin would hand the component. */
    private static SimulatorConfiguration config(String[] teams, String[] agents, String[] supervisors) {
        return Configurations.of(SimulatorConfiguration.class, "teams", teams, "agents", agents, "supervisors", supervisors,
                "intervalMillis", 60_000L);
    }
}
