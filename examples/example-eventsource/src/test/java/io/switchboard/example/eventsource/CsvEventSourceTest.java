package io.switchboard.example.eventsource;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.switchboard.api.events.AgentState;
import io.switchboard.api.events.AgentStateEvent;
import io.switchboard.api.events.ContactCentreEvent;
import io.switchboard.api.events.ContactCentreEvents;
import io.switchboard.api.events.EventSink;
import io.switchboard.api.events.EventSource;
import io.switchboard.testing.Configurations;

/**
 * The source without a server: a recording sink stands in for the server's, and the test calls
 * poll() itself instead of waiting for the schedule.
 */
public class CsvEventSourceTest {

    private static final Instant NOW = Instant.parse("2024-03-05T10:00:00Z");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<ContactCentreEvent> published = new ArrayList<>();
    private final ContactCentreEvents events = new ContactCentreEvents() {
        @Override
        public EventSink sink(String source) {
            return new EventSink() {
                @Override
                public String source() {
                    return source;
                }

                @Override
                public String nodePrefix() {
                    return "/finesse/api";
                }

                @Override
                public List<String> nodes(ContactCentreEvent event) {
                    return List.of();
                }

                @Override
                public List<String> createNodes(ContactCentreEvent event) {
                    return List.of();
                }

                @Override
                public List<String> publish(ContactCentreEvent event) {
                    published.add(event);
                    return List.of();
                }

                @Override
                public List<String> publish(List<? extends ContactCentreEvent> batch) {
                    published.addAll(batch);
                    return List.of();
                }
            };
        }

        @Override
        public EventSink sink(String source, String nodePrefix) {
            return sink(source);
        }
    };

    @Test
    public void everyLineIsPublishedOnceThenOnlyTheLinesThatChange() throws IOException {
        Path csv = write("# loginId,teamId,teamName,state[,reasonCode,reasonLabel]",
                "agent1,1,Sales,READY", "agent2,1,Sales,NOT_READY,32762,Lunch");
        CsvEventSource source = source(csv);

        source.poll();
        assertEquals(2, published.size());
        AgentStateEvent lunch = (AgentStateEvent) published.get(1);
        assertEquals("agent2", lunch.agent().loginId());
        assertEquals(AgentState.NOT_READY, lunch.state());
        assertEquals("Lunch", lunch.reasonCode().label());
        assertEquals("Sales", lunch.agent().team().name());
        assertEquals(NOW, lunch.stateChangeTime());
        assertEquals(EventSource.State.RUNNING, source.state());

        source.poll();
        assertEquals("nothing changed, nothing published", 2, published.size());

        write("agent1,1,Sales,TALKING", "agent2,1,Sales,NOT_READY,32762,Lunch");
        source.poll();
        assertEquals(3, published.size());
        assertEquals(AgentState.TALKING, ((AgentStateEvent) published.get(2)).state());
    }

    @Test
    public void aBadLineIsSkippedAndTheSourceIsFailing() throws IOException {
        CsvEventSource source = source(write("agent1,1,Sales,DREAMING", "agent2,1,Sales,READY", "agent3,1"));

        source.poll();

        assertEquals(1, published.size());
        assertEquals("agent2", ((AgentStateEvent) published.get(0)).agent().loginId());
        assertEquals(EventSource.State.FAILING, source.state());
        assertNull(((AgentStateEvent) published.get(0)).reasonCode());
    }

    @Test
    public void aMissingFileIsWaitedFor() throws IOException {
        Path csv = folder.getRoot().toPath().resolve("later.csv");
        CsvEventSource source = source(csv);

        source.poll();
        assertEquals(EventSource.State.STARTING, source.state());

        Files.writeString(csv, "agent1,1,Sales,READY\n");
        source.poll();
        assertEquals(1, published.size());
        assertEquals(EventSource.State.RUNNING, source.state());
    }

    private CsvEventSource source(Path csv) {
        return new CsvEventSource(events, Configurations.of(CsvSourceConfiguration.class, "file", csv.toString()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Path write(String... lines) throws IOException {
        Path csv = folder.getRoot().toPath().resolve("states.csv");
        Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return csv;
    }
}
