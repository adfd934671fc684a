package io.switchboard.example.eventsource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.events.Agent;
import io.switchboard.api.events.AgentState;
import io.switchboard.api.events.AgentStateEvent;
import io.switchboard.api.events.ContactCentreEvents;
import io.switchboard.api.events.EventSink;
import io.switchboard.api.events.EventSource;
import io.switchboard.api.events.ReasonCode;
import io.switchboard.api.events.Team;
import io.switchboard.api.threads.DaemonThreads;

/**
 * An event source an integrator could start from: it watches a CSV file in which another system
 * (or a person with an editor) keeps the agents' states, one line per agent:
 *
 * <pre>
 * # loginId,teamId,teamName,state[,reasonCode,reasonLabel]
 * agent1,1,Sales,READY
 * agent2,1,Sales,NOT_READY,32762,Lunch
 * </pre>
 *
 * and publishes a typed {@link AgentStateEvent} for every line that changed. The server turns each
 * event into Finesse updates on the agent's node and its team's.
 *
 * <p>Three things make it a well-behaved plugin:
 * <ul>
 * <li>It is an immediate Declarative Services component (nobody asks for its service, so it
 * must start by itself): it starts when the server's {@link ContactCentreEvents}
 * is there and stops when it goes, so it can be installed, updated and uninstalled at any time.</li>
 * <li>It registers itself as an {@link EventSource}, so operators see it in {@code switchboard:sources}.</li>
 * <li>It owns its one thread and stops it in {@link #deactivate()}: nothing of it outlives the bundle.</li>
 * </ul>
 */
@Component(service = EventSource.class, immediate = true, configurationPid = "io.switchboard.example.csv")
@Designate(ocd = CsvSourceConfiguration.class)
public class CsvEventSource implements EventSource {

    private static final Logger LOG = LoggerFactory.getLogger(CsvEventSource.class);

    private final EventSink sink;
    private final Path file;
    private final Clock clock;
    /** The last line published for each agent: a line that did not change is not published again. */
    private final Map<String, String> published = new HashMap<>();
    /** Bad lines already logged, by line number: each is logged once, not at every look. */
    private final Map<Integer, String> reported = new HashMap<>();
    private final ScheduledExecutorService poller;
    private volatile State state = State.STARTING;

    /** DS calls this with the server's service and the configuration; a failure here is logged by DS. */
    @Activate
    public CsvEventSource(@Reference ContactCentreEvents events, CsvSourceConfiguration config) {
        this(events, config, Clock.systemUTC());
        long poll = Math.max(10, config.pollMillis());
        poller.scheduleWithFixedDelay(this::poll, 0, poll, TimeUnit.MILLISECONDS);
        LOG.info("CSV event source watching {} every {} ms", file.toAbsolutePath(), poll);
    }

    /** For tests: nothing is scheduled, the test calls {@link #poll()}. */
    CsvEventSource(ContactCentreEvents events, CsvSourceConfiguration config, Clock clock) {
        this.sink = events.sink(name()); // the sink counts this source's events for operators
        this.file = Path.of(config.file());
        this.clock = clock;
        this.poller = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("switchboard-example-csv"));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        state = State.STOPPED;
        poller.shutdownNow();
        poller.awaitTermination(10, TimeUnit.SECONDS); // no publishing after the bundle stopped
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public State state() {
        return state;
    }

    /** One look at the file: publishes the lines that changed since the last look. */
    void poll() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            state = State.STARTING; // nothing to read yet
            return;
        } catch (IOException e) {
            fail("cannot read " + file + ": " + e.getMessage());
            return;
        }
        boolean allGood = true;
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                AgentStateEvent event = parse(line);
                if (!line.equals(published.get(event.agent().loginId()))) {
                    sink.publish(event);
                    published.put(event.agent().loginId(), line);
                }
            } catch (IllegalArgumentException e) {
                // a bad line is skipped, the others still count; the message names file and line
                allGood = false;
                if (!line.equals(reported.put(number, line))) {
                    LOG.warn("{} line {}: {}", file, number, e.getMessage());
                }
            } catch (RuntimeException e) {
                fail("publishing failed: " + e);
                return; // try the whole file again at the next look
            }
        }
        state = allGood ? State.RUNNING : State.FAILING;
    }

    /** One CSV line as a typed event; the event's time is now, when the change was seen. */
    AgentStateEvent parse(String line) {
        String[] fields = line.split(",", -1);
        if (fields.length != 4 && fields.length != 6) {
            throw new IllegalArgumentException("expected loginId,teamId,teamName,state[,reasonCode,reasonLabel], got '" + line + "'");
        }
        AgentState agentState;
        try {
            agentState = AgentState.valueOf(fields[3].trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + fields[3].trim() + "' is not an agent state");
        }
        ReasonCode reason = null;
        if (fields.length == 6) {
            int code;
            try {
                code = Integer.parseInt(fields[4].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("reason code '" + fields[4].trim() + "' is not a number");
            }
            reason = new ReasonCode(code, code, fields[5].trim(), agentState);
        }
        Team team = new Team(fields[1].trim(), fields[2].trim());
        Agent agent = new Agent(fields[0].trim(), null, null, null, List.of("Agent"), team);
        return new AgentStateEvent(agent, agentState, null, reason, Instant.now(clock));
    }

    private void fail(String why) {
        if (state != State.FAILING) {
            LOG.warn("CSV event source: {}", why);
        }
        state = State.FAILING;
    }
}
