package io.switchboard.eventsource.simulator.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
                events, config(new String[] {"1:Sales"}, new String[] {"agent1:1", "agent2:9"}, new String[0])));

        assertMentions(e, "agents", "'agent2:9'", "team 9", "io.switchboard.eventsource.simulator");
        assertTrue("no node is created for a rejected configuration", created.isEmpty());
    }

    @Test
    public void supervisorOfAnUnknownTeamIsRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(
                events, config(new String[] {"1:Sales"}, new String[] {"agent1:1"}, new String[] {"boss:2"})));

        assertMentions(e, "supervisors", "'boss:2'", "team 2");
        assertTrue(created.isEmpty());
    }

    @Test
    public void entryThatIsNotIdColonValueIsRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(
                events, config(new String[] {"Sales"}, new String[0], new String[0])));

        assertMentions(e, "teams", "'Sales'", "id:value");
    }

    @Test
    public void itCreatesEveryNodeAndTellsWhoSupervisesWhichTeam() throws InterruptedException {
        ContactCentreSimulator simulator = new ContactCentreSimulator(events, config(new String[] {"1:Sales", "2:Support"},
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
