package io.switchboard.eventsource.simulator.impl;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import org.dom4j.Element;
import org.junit.Test;

import io.switchboard.api.pubsub.EventPublisher;

/**
 * Only configurations the constructor rejects: those fail before it creates any node or starts
 * its pacing thread, so these tests stay single-threaded.
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
    };

    @Test
    public void agentOfAnUnknownTeamIsRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(
                publisher, config(new String[] {"1:Sales"}, new String[] {"agent1:1", "agent2:9"}, new String[0])));

        assertMentions(e, "agents", "'agent2:9'", "team 9", "io.switchboard.eventsource.simulator");
        assertTrue("no node is created for a rejected configuration", created.isEmpty());
    }

    @Test
    public void supervisorOfAnUnknownTeamIsRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(
                publisher, config(new String[] {"1:Sales"}, new String[] {"agent1:1"}, new String[] {"boss:2"})));

        assertMentions(e, "supervisors", "'boss:2'", "team 2");
        assertTrue(created.isEmpty());
    }

    @Test
    public void entryThatIsNotIdColonValueIsRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContactCentreSimulator(
                publisher, config(new String[] {"Sales"}, new String[0], new String[0])));

        assertMentions(e, "teams", "'Sales'", "id:value");
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue("'" + e.getMessage() + "' should mention " + part, e.getMessage().contains(part));
        }
    }

    /** What Configuration Admin would hand the component. */
    private static SimulatorConfiguration config(String[] teams, String[] agents, String[] supervisors) {
        return new SimulatorConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SimulatorConfiguration.class;
            }

            @Override
            public String[] teams() {
                return teams;
            }

            @Override
            public String[] agents() {
                return agents;
            }

            @Override
            public String[] supervisors() {
                return supervisors;
            }

            @Override
            public long intervalMillis() {
                return 60_000;
            }
        };
    }
}
