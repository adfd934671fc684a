package io.switchboard.eventsource.http.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.Test;

import io.switchboard.api.events.AgentStateEvent;
import io.switchboard.api.events.ContactCentreEvent;
import io.switchboard.api.events.ContactCentreEvents;
import io.switchboard.api.events.EventSink;
import io.switchboard.api.events.EventSource;
import io.switchboard.testing.Configurations;

/** What the component makes of its configuration. */
public class HttpEventSourceTest {

    private final List<String> prefixes = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private final ContactCentreEvents events = new ContactCentreEvents() {
        @Override
        public EventSink sink(String source) {
            return sink(source, "/finesse/api");
        }

        @Override
        public EventSink sink(String source, String nodePrefix) {
            prefixes.add(source + " " + nodePrefix);
            return new EventSink() {
                @Override
                public String source() {
                    return source;
                }

                @Override
                public String nodePrefix() {
                    return nodePrefix;
                }

                @Override
                public List<String> nodes(ContactCentreEvent event) {
                    AgentStateEvent state = (AgentStateEvent) event;
                    return List.of(nodePrefix + "/User/" + state.agent().loginId());
                }

                @Override
                public List<String> createNodes(ContactCentreEvent event) {
                    created.addAll(nodes(event));
                    return nodes(event);
                }

                @Override
                public List<String> publish(ContactCentreEvent event) {
                    throw new AssertionError("nothing is published on start");
                }

                @Override
                public List<String> publish(List<? extends ContactCentreEvent> batch) {
                    throw new AssertionError("nothing is published on start");
                }
            };
        }
    };

    @Test
    public void itCreatesItsAgentsNodesUnderItsPrefixAndKnowsTheSupervisors() {
        HttpEventSource source = new HttpEventSource(events, config("nodePrefix", "/crm", "name", "crm",
                "teams", new String[] {"1:Sales"}, "agents", new String[] {"agent1:1"}, "supervisors", new String[] {"boss:1"}));

        assertEquals(List.of("crm /crm"), prefixes);
        assertEquals(Set.of("/crm/User/agent1", "/crm/User/boss"), Set.copyOf(created));
        assertEquals(Set.of("1"), source.supervisedTeams("boss"));
        assertEquals(Set.of(), source.directory().supervisedTeams("agent1"));
        assertEquals("crm", source.name());
        assertEquals(EventSource.State.RUNNING, source.state());
        source.deactivate();
        assertEquals(EventSource.State.STOPPED, source.state());
    }

    @Test
    public void withoutANameItIsNamedAfterItsPathAndUsesTheServersNodes() {
        HttpEventSource source = new HttpEventSource(events, config("path", "/events/acd"));

        assertEquals("http:/events/acd", source.name());
        assertEquals(List.of("http:/events/acd /finesse/api"), prefixes);
    }

    @Test
    public void anApiKeyIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HttpEventSource(events, Configurations.of(HttpSourceConfiguration.class, "path", "/events/x")));

        assertTrue(e.getMessage(), e.getMessage().contains("io.switchboard.eventsource.http (/events/x): apiKey is required"));
    }

    @Test
    public void aPathMustStartWithASlash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HttpEventSource(events, config("path", "events")));

        assertTrue(e.getMessage(), e.getMessage().contains("path 'events'"));
    }

    @Test
    public void aRateOfZeroIsRefusedNamingTheKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HttpEventSource(events, config("maxRequestsPerSecond", 0.0)));

        assertTrue(e.getMessage(), e.getMessage().contains("maxRequestsPerSecond and burst"));
    }

    private static HttpSourceConfiguration config(Object... namesAndValues) {
        Object[] withKey = new Object[namesAndValues.length + 2];
        withKey[0] = "apiKey";
        withKey[1] = "k";
        System.arraycopy(namesAndValues, 0, withKey, 2, namesAndValues.length);
        return Configurations.of(HttpSourceConfiguration.class, withKey);
    }
}
