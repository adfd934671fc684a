package io.switchboard.eventsource.simulator.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.agent.AgentStates;
import io.switchboard.api.directory.ContactCentreDirectory;
import io.switchboard.api.events.ContactCentreEvents;
import io.switchboard.api.events.EventSink;
import io.switchboard.api.events.EventSource;
import io.switchboard.api.events.TeamMembershipEvent;
import io.switchboard.api.presence.PresenceListener;
import io.switchboard.api.session.ClientSession;

/**
 * A contact centre in a box: at a steady pace one agent (supervisors are agents too) changes
 * state, and the change is published to the agent's node ({@code /finesse/api/User/<id>}) and the
 * team's node ({@code /finesse/api/Team/<id>/Users}). Creates those nodes on start, and tells the
 * server, as a directory, who supervises which team.
 *
 * <p>Like Finesse, it watches the agents' desktops: when an agent's last desktop goes away and
 * stays away for the grace period, the agent is logged out (reason "Connection lost") and left
 * alone until a desktop comes back, which logs it in again. Agents who never connected a desktop
 * are simply simulated. Every change to the agents happens on the simulator's one thread.
 */
@Component(service = {ContactCentreDirectory.class, PresenceListener.class, EventSource.class, AgentStates.class}, immediate = true,
        configurationPid = "io.switchboard.eventsource.simulator")
@Designate(ocd = SimulatorConfiguration.class)
public class ContactCentreSimulator implements ContactCentreDirectory, PresenceListener, EventSource, AgentStates {

    private static final Logger LOG = LoggerFactory.getLogger(ContactCentreSimulator.class);
    static final String NAME = "simulator";

    private final EventSink sink;
    private volatile State state = State.RUNNING;
    private final List<Agent> agents = new ArrayList<>();
    private final Map<String, Set<String>> supervisedTeams = new HashMap<>();
    private final Map<String, Agent> byLoginId = new HashMap<>();
    private final Map<String, Agent.Team> teams = new LinkedHashMap<>();
    private final SplittableRandom random = new SplittableRandom();
    private final ScheduledExecutorService pace;
    private final Duration logoutGrace;

    @Activate
    public ContactCentreSimulator(@Reference ContactCentreEvents events, SimulatorConfiguration config) {
        this.sink = events.sink(NAME);
        this.logoutGrace = Duration.ofSeconds(Math.max(0, config.logoutGraceSeconds()));
        for (String entry : config.teams()) {
            String[] parts = split(entry, "teams");
            teams.put(parts[0], new Agent.Team(parts[0], parts[1]));
        }
        List<Agent> supervisors = new ArrayList<>();
        int extension = 1001;
        for (String entry : config.agents()) {
            agents.add(new Agent(split(entry, "agents")[0], team(teams, entry, "agents"), List.of("Agent"), extension++));
        }
        for (String entry : config.supervisors()) {
            String loginId = split(entry, "supervisors")[0];
            Agent.Team team = team(teams, entry, "supervisors");
            if (!supervisedTeams.containsKey(loginId)) { // one agent, however many teams it supervises
                supervisors.add(new Agent(loginId, team, List.of("Agent", "Supervisor"), extension++));
            }
            supervisedTeams.computeIfAbsent(loginId, id -> new HashSet<>()).add(team.id());
        }
        agents.addAll(supervisors); // a supervisor takes calls like any agent
        agents.forEach(agent -> byLoginId.put(agent.loginId, agent));
        // every node before the first event, so desktops can subscribe at once: the agents', and
        // the team nodes of every team that has a member or a supervisor
        agents.forEach(agent -> sink.createNodes(agent.event()));
        for (Agent.Team team : teams.values()) {
            agents.stream().filter(agent -> agent.team.equals(team) || supervisedTeams(agent.loginId).contains(team.id()))
                    .findFirst()
                    .ifPresent(agent -> sink.createNodes(new TeamMembershipEvent(team.profile(), agent.profile(), null, true)));
        }

        pace = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-simulator");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(1, config.intervalMillis());
        if (!agents.isEmpty()) {
            pace.scheduleAtFixedRate(this::tick, interval, interval, TimeUnit.MILLISECONDS);
        }
        LOG.info("Contact-centre simulator: {} agents, {} supervisors in {} teams, a state change every {} ms",
                agents.size() - supervisors.size(), supervisors.size(), teams.size(), interval);
    }

    @Override
    public Set<String> supervisedTeams(String userId) {
        return supervisedTeams.getOrDefault(userId, Set.of());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public ContactCentreDirectory directory() {
        return this;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        state = State.STOPPED;
        pace.shutdownNow();
        pace.awaitTermination(10, TimeUnit.SECONDS);
    }

    // ---- the Finesse REST API's view: read and change an agent's state ---------------------------

    @Override
    public Optional<Element> user(String userId) {
        return onPaceThread(() -> Optional.ofNullable(byLoginId.get(userId)).map(agent -> AgentDocuments.user(agent,
                supervisedTeams(userId).stream().map(teams::get).toList())));
    }

    @Override
    public Optional<Element> team(String teamId) {
        return onPaceThread(() -> Optional.ofNullable(teams.get(teamId)).map(team -> AgentDocuments.team(team,
                agents.stream().filter(agent -> agent.team.equals(team)).toList())));
    }

    @Override
    public boolean changeState(String userId, String state, String reasonCodeId) {
        AgentState next = switch (state) {
            case "READY" -> AgentState.READY;
            case "NOT_READY" -> AgentState.NOT_READY;
            default -> throw new IllegalArgumentException("state '" + state + "' cannot be set here: only READY or NOT_READY");
        };
        Agent.ReasonCode reason = next == AgentState.READY || reasonCodeId == null || reasonCodeId.isBlank() ? null
                : AgentDocuments.notReadyReasons().stream().filter(code -> String.valueOf(code.id).equals(reasonCodeId.trim()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("reasonCodeId '" + reasonCodeId
                                + "' is not a NOT_READY reason code (" + AgentDocuments.notReadyReasons().stream()
                                        .sorted().map(code -> code.id + " " + code.label).toList() + ")"));
        return onPaceThread(() -> {
            Agent agent = byLoginId.get(userId);
            if (agent == null) {
                return false;
            }
            // as Finesse: READY and NOT_READY only from a state without a call
            if (!List.of(AgentState.NOT_READY, AgentState.READY, AgentState.WORK, AgentState.WORK_READY).contains(agent.state)) {
                throw new IllegalStateException(userId + " is " + agent.state + "; " + state
                        + " can be set only from NOT_READY, READY, WORK or WORK_READY");
            }
            change(agent, next, reason);
            return true;
        });
    }

    /** Runs on the simulator's thread, which alone touches the agents, and waits for the answer. */
    private <T> T onPaceThread(Callable<T> work) {
        try {
            return pace.submit(work).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException | RejectedExecutionException e) {
            throw new IllegalStateException("the simulator is busy or stopping", e);
        }
    }

    // ---- desktops coming and going ---------------------------------------------------------------

    @Override
    public void available(ClientSession session, boolean first) {
        onPaceThread(session, agent -> {
            if (agent.pendingLogout != null) {
                agent.pendingLogout.cancel(false);
                agent.pendingLogout = null;
            }
            if (agent.desktopGone) {
                agent.desktopGone = false;
                change(agent, AgentState.LOGIN, null);
                change(agent, AgentState.NOT_READY, Agent.ReasonCode.BREAK);
            }
        });
    }

    @Override
    public void unavailable(ClientSession session, boolean last) {
        if (!last) {
            return; // another desktop of the agent is still there
        }
        onPaceThread(session, agent -> {
            if (agent.pendingLogout == null && !agent.desktopGone) {
                agent.pendingLogout = pace.schedule(() -> logOutAfterGrace(agent), logoutGrace.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private void logOutAfterGrace(Agent agent) {
        try {
            agent.pendingLogout = null;
            agent.desktopGone = true;
            change(agent, AgentState.LOGOUT, Agent.ReasonCode.CONNECTION_LOST);
        } catch (RuntimeException e) {
            LOG.error("Logging out {} failed", agent.loginId, e);
        }
    }

    /** Runs the action for the session's agent, if it is one of ours, on the simulator's thread. */
    private void onPaceThread(ClientSession session, Consumer<Agent> action) {
        Agent agent = byLoginId.get(session.address().getNode());
        if (agent == null) {
            return;
        }
        try {
            pace.execute(() -> action.accept(agent));
        } catch (RejectedExecutionException e) {
            // the simulator is stopping
        }
    }

    // ---- the simulation ------------------------------------------------------------------------------

    /** One agent takes its next step; LOGIN is published and then left at once for NOT_READY. */
    private void tick() {
        try {
            List<Agent> present = agents.stream().filter(agent -> !agent.desktopGone).toList();
            if (present.isEmpty()) {
                return;
            }
            Agent agent = present.get(random.nextInt(present.size()));
            AgentState next = agent.state.next(random);
            change(agent, next, reasonFor(next));
            if (next == AgentState.LOGIN) {
                change(agent, AgentState.NOT_READY, reasonFor(AgentState.NOT_READY));
            }
        } catch (RuntimeException e) {
            // never let one failure stop the schedule
            LOG.error("Simulator step failed", e);
        }
    }

    private Agent.ReasonCode reasonFor(AgentState state) {
        return switch (state) {
            case NOT_READY -> random.nextBoolean() ? Agent.ReasonCode.BREAK : Agent.ReasonCode.LUNCH;
            case LOGOUT -> Agent.ReasonCode.END_OF_SHIFT;
            default -> null;
        };
    }

    private void change(Agent agent, AgentState next, Agent.ReasonCode reason) {
        agent.change(next, reason, Instant.now());
        sink.publish(agent.event()); // the agent's node, then its team's
    }

    private static Agent.Team team(Map<String, Agent.Team> teams, String entry, String key) {
        String teamId = split(entry, key)[1];
        Agent.Team team = teams.get(teamId);
        if (team == null) {
            throw new IllegalArgumentException("io.switchboard.eventsource.simulator: " + key + " entry '" + entry
                    + "' names team " + teamId + ", which is not in 'teams'");
        }
        return team;
    }

    private static String[] split(String entry, String key) {
        String[] parts = entry.split(":", 2);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("io.switchboard.eventsource.simulator: " + key + " entry '" + entry
                    + "' must look like id:value");
        }
        return new String[] {parts[0].trim(), parts[1].trim()};
    }
}
