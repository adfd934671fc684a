package io.switchboard.eventsource.simulator.impl;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.dom4j.Element;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.agent.AgentStates;
import io.switchboard.api.cluster.Cluster;
import io.switchboard.api.directory.ContactCentreDirectory;
import io.switchboard.api.events.ContactCentreEvents;
import io.switchboard.api.events.DialogEvent;
import io.switchboard.api.events.ContactCentreEvent;
import io.switchboard.api.events.EventSink;
import io.switchboard.api.events.EventSource;
import io.switchboard.api.events.QueueStatisticsEvent;
import io.switchboard.api.events.TeamMembershipEvent;
import io.switchboard.api.presence.PresenceListener;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.threads.DaemonThreads;

/**
 * A contact centre in a box: agents (supervisors are agents too) change state, take calls from
 * queues and wrap up (see {@link ContactCentre}, the simulation itself); every change is published
 * to the agent's node ({@code /finesse/api/User/<id>}) and the team's node
 * ({@code /finesse/api/Team/<id>/Users}), calls to the agent's dialogs node
 * ({@code /finesse/api/User/<id>/Dialogs}) and queue statistics to the queue's node
 * ({@code /finesse/api/Queue/<id>}). Creates those nodes on start, and tells the server, as a
 * directory, who supervises which team.
 *
 * <p>Like Finesse, it watches the agents' desktops: when an agent's last desktop goes away and
 * stays away for the grace period, the agent is logged out (reason "Connection lost") and left
 * alone until a desktop comes back, which logs it in again. Agents who never connected a desktop
 * are simply simulated. This component only parses the configuration and keeps time: the
 * simulation runs on its one thread, advanced to the wall clock every {@value #TICK_MILLIS} ms.
 *
 * <p>A centre has one simulator. In a cluster it runs on the oldest member only ({@link Cluster#OLDEST})
 * and is {@link State#STANDBY} on the others; when the oldest member leaves, the next oldest starts it
 * afresh (its agents log in again). Its nodes and its directory are there on every member.
 */
@Component(service = {ContactCentreDirectory.class, PresenceListener.class, EventSource.class, AgentStates.class}, immediate = true,
        configurationPid = CallSettings.PID)
@Designate(ocd = SimulatorConfiguration.class)
public class ContactCentreSimulator implements ContactCentreDirectory, PresenceListener, EventSource, AgentStates {

    private static final Logger LOG = LoggerFactory.getLogger(ContactCentreSimulator.class);
    static final String NAME = "simulator";
    /** How often simulated time catches up with the clock: fine enough for 20 calls a second. */
    static final long TICK_MILLIS = 50;

    /** The cluster bundle's configuration: while it exists, this server is (or is about to be) a member. */
    static final String CLUSTER_PID = "io.switchboard.cluster";

    private final EventSink sink;
    private final ConfigurationAdmin configurations;
    /** STARTING until it knows where it runs; then RUNNING here, or STANDBY while another member runs it. */
    private volatile State state = State.STARTING;
    private final List<Agent> agents = new ArrayList<>();
    private final Map<String, Set<String>> supervisedTeams = new HashMap<>();
    private final Map<String, Agent> byLoginId = new HashMap<>();
    private final Map<String, Agent.Team> teams = new LinkedHashMap<>();
    private final List<CallQueue> queues;
    private final CallSettings calls;
    private final RandomGenerator random;
    private final long interval;
    /** What is simulated, for the log. */
    private final String description;
    /** The simulation while it runs here, with its schedules; null while it does not. The pace thread's alone. */
    private ContactCentre centre;
    private final List<Future<?>> schedules = new ArrayList<>();
    private volatile boolean activated;
    /** The cluster, while this server is a member of one. */
    private volatile Placement cluster;
    private final ScheduledExecutorService pace;
    private final Duration logoutGrace;
    /** When the simulator last said it falls behind ({@link System#nanoTime()}); touched by its thread only. */
    private long lastBehindWarning = System.nanoTime() - TimeUnit.MINUTES.toNanos(2);
    private long lastPublishWarning = lastBehindWarning;
    /** The events of the catch-up under way, published together: one store transaction, not one per event. */
    private List<ContactCentreEvent> catchingUp; // the pace thread's alone

    @Activate
    public ContactCentreSimulator(@Reference ContactCentreEvents events, @Reference ConfigurationAdmin configurations,
            SimulatorConfiguration config) {
        this.sink = events.sink(NAME);
        this.configurations = configurations;
        this.logoutGrace = Duration.ofSeconds(Math.max(0, config.logoutGraceSeconds()));
        this.calls = CallSettings.of(config);
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
        queues = queues(config.queues(), teams);
        // every node before the first event, so desktops can subscribe at once: the agents', and
        // the team nodes of every team that has a member or a supervisor
        agents.forEach(agent -> sink.createNodes(agent.event()));
        for (Agent.Team team : teams.values()) {
            agents.stream().filter(agent -> agent.team.equals(team) || supervisedTeams(agent.loginId).contains(team.id()))
                    .findFirst()
                    .ifPresent(agent -> sink.createNodes(new TeamMembershipEvent(team.profile(), agent.profile(), null, true)));
        }
        if (calls.callsOn()) { // and with calls, the dialogs and queue nodes
            agents.forEach(agent -> sink.createNodes(new DialogEvent("0", agent.profile(), DialogEvent.Change.CREATED, "ALERTING",
                    null, null, null, null)));
            queues.forEach(queue -> sink.createNodes(new QueueStatisticsEvent(queue.id, queue.name, 0, null, 0, 0, 0, 0)));
        }
        random = config.seed() == 0 ? new SplittableRandom() : new SplittableRandom(config.seed());
        interval = Math.max(1, config.intervalMillis());
        description = calls.callsOn()
                ? String.format("%d agents, %d supervisors in %d teams, %d queues, %s calls a minute, a break every %d ms",
                        agents.size() - supervisors.size(), supervisors.size(), teams.size(), queues.size(), calls.callsPerMinute(), interval)
                : String.format("%d agents, %d supervisors in %d teams, no calls, a state change every %d ms",
                        agents.size() - supervisors.size(), supervisors.size(), teams.size(), interval);

        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("switchboard-simulator"));
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // pending logouts die with the simulator
        thread.setRemoveOnCancelPolicy(true);
        pace = thread;
    }

    // ---- where it runs: once per cluster ----------------------------------------------------------

    /**
     * Called by DS after the constructor and the binding of the cluster, if there is one: from now on
     * the simulation runs here whenever {@link #runsHere()} says so.
     */
    @Activate
    void activate() {
        activated = true;
        reconsider();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCluster(Cluster bound, Map<String, Object> properties) {
        cluster = new Placement(bound, Boolean.TRUE.equals(properties.get(Cluster.OLDEST)));
        reconsider();
    }

    /** The oldest member left, or this one is no longer the oldest (two clusters merged): it moves. */
    void updatedCluster(Cluster updated, Map<String, Object> properties) {
        cluster = new Placement(updated, Boolean.TRUE.equals(properties.get(Cluster.OLDEST)));
        reconsider();
    }

    void unbindCluster(Cluster unbound) {
        Placement current = cluster;
        if (current != null && current.cluster == unbound) {
            cluster = null;
            reconsider();
        }
    }

    /** The cluster this server is a member of, and whether it is its oldest member. */
    private record Placement(Cluster cluster, boolean oldest) {
    }

    /**
     * Whether the simulation runs here. A centre has one simulator: in a cluster it runs on the
     * oldest member only. A member whose cluster is configured but not yet joined waits, so that a
     * member that starts does not simulate beside the oldest for the seconds it takes to join.
     */
    boolean runsHere() {
        Placement current = cluster;
        return current == null ? !clusterConfigured() : current.oldest;
    }

    private boolean clusterConfigured() {
        try {
            Configuration[] found = configurations.listConfigurations("(" + Constants.SERVICE_PID + "=" + CLUSTER_PID + ")");
            return found != null && found.length > 0;
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("Could not tell whether this server is configured as a cluster member; taken as a single node", e);
            return false;
        }
    }

    /** Starts or stops the simulation on its thread, to follow {@link #runsHere()}; the caller (DS, the cluster) does not wait. */
    private void reconsider() {
        if (!activated) {
            return;
        }
        try {
            pace.execute(() -> run(this::follow));
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void follow() {
        if (!activated) {
            return; // deactivated while this waited its turn: stays stopped
        }
        boolean here = runsHere();
        if (here && centre == null) {
            startHere();
        } else if (!here && centre != null) {
            stopHere();
            LOG.info("Contact-centre simulator stopped here: {}", standbyReason());
        } else if (!here && state == State.STARTING) {
            state = State.STANDBY;
            LOG.info("Contact-centre simulator: {}", standbyReason());
        }
    }

    /** Agents start afresh (logged in over the first seconds) at this moment: a survivor does not replay the time it was not running. */
    private void startHere() {
        Instant now = Instant.now();
        agents.forEach(agent -> agent.restart(now));
        centre = new ContactCentre(agents, calls.callsOn() ? queues : List.of(), calls, this::publish, random, now);
        if (!agents.isEmpty()) {
            schedules.add(pace.scheduleAtFixedRate(() -> run(() -> centre.step(Instant.now())), interval, interval, TimeUnit.MILLISECONDS));
        }
        if (calls.callsOn()) {
            schedules.add(pace.scheduleAtFixedRate(() -> run(this::catchUp), 0, TICK_MILLIS, TimeUnit.MILLISECONDS));
        }
        state = State.RUNNING;
        Placement current = cluster;
        LOG.info("Contact-centre simulator{}: {}", current == null ? "" : " (this member is the oldest of the cluster, the one"
                + " that runs it)", description);
    }

    /** Calls are dropped, so no desktop keeps a dialog nobody will end; the oldest member starts its own simulation. */
    private void stopHere() {
        schedules.forEach(schedule -> schedule.cancel(false));
        schedules.clear();
        if (calls.callsOn()) {
            try {
                centre.hangUpAll(Instant.now());
            } catch (RuntimeException e) {
                LOG.warn("Could not drop the simulated calls while stopping", e);
            }
        }
        agents.forEach(agent -> {
            if (agent.pendingLogout != null) {
                agent.pendingLogout.cancel(false);
            }
        });
        centre = null;
        state = State.STANDBY;
    }

    private String standbyReason() {
        Placement current = cluster;
        if (current == null) {
            return "this server is configured as a cluster member (config/" + CLUSTER_PID + ".cfg) but is not one yet;"
                    + " it runs here if this member turns out to be the oldest";
        }
        try {
            List<Cluster.Member> members = current.cluster.members();
            return "it runs on the oldest member of the cluster" + (members.isEmpty() ? "" : ", " + members.get(0).name());
        } catch (RuntimeException e) {
            return "it runs on the oldest member of the cluster"; // the cluster is shutting down here
        }
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
        activated = false;
        try {
            onPaceThread(() -> {
                if (centre != null) {
                    stopHere();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not stop the simulation cleanly", e);
        }
        state = State.STOPPED;
        // not interrupted: a thread interrupted while it writes to a store (an H2 file) closes that store
        pace.shutdown();
        if (!pace.awaitTermination(10, TimeUnit.SECONDS)) {
            pace.shutdownNow();
        }
    }

    // ---- the Finesse REST API's view: read and change an agent's state ---------------------------

    @Override
    public Optional<Element> user(String userId) {
        return onPaceThread(() -> {
            requireRunningHere();
            return Optional.ofNullable(byLoginId.get(userId)).map(agent -> AgentDocuments.user(agent,
                    supervisedTeams(userId).stream().map(teams::get).toList()));
        });
    }

    @Override
    public Optional<Element> team(String teamId) {
        return onPaceThread(() -> {
            requireRunningHere();
            return Optional.ofNullable(teams.get(teamId)).map(team -> AgentDocuments.team(team,
                    agents.stream().filter(agent -> agent.team.equals(team)).toList()));
        });
    }

    /** The agents' states are known where the simulation runs, and only there (on the pace thread). */
    private void requireRunningHere() {
        if (centre == null) {
            throw new IllegalStateException("the simulated contact centre does not run on this server: " + (state == State.STANDBY
                    ? standbyReason() : "it is " + state));
        }
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
            requireRunningHere();
            centre.setByDesktop(agent, next, reason, Instant.now()); // refused, as by Finesse, during a call
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
            if (centre == null) {
                return; // the member that runs the simulation keeps its agents logged in
            }
            if (agent.pendingLogout != null) {
                agent.pendingLogout.cancel(false);
                agent.pendingLogout = null;
            }
            if (agent.desktopGone) {
                agent.desktopGone = false;
                centre.logIn(agent, Instant.now());
            }
        });
    }

    @Override
    public void unavailable(ClientSession session, boolean last) {
        if (!last) {
            return; // another desktop of the agent is still there
        }
        onPaceThread(session, agent -> {
            if (centre != null && agent.pendingLogout == null && !agent.desktopGone) {
                agent.pendingLogout = pace.schedule(() -> logOutAfterGrace(agent), logoutGrace.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private void logOutAfterGrace(Agent agent) {
        try {
            agent.pendingLogout = null;
            if (centre == null) {
                return; // stopped here meanwhile
            }
            agent.desktopGone = true;
            centre.logOut(agent, Agent.ReasonCode.CONNECTION_LOST, Instant.now());
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

    /**
     * Simulated time catches up with the clock. A catch-up that takes long means publishing cannot
     * keep pace with the configured calls: said at most once a minute, for whoever sizes a run.
     */
    private void catchUp() {
        long started = System.nanoTime();
        catchingUp = new ArrayList<>();
        try {
            centre.advanceTo(Instant.now());
        } finally {
            List<ContactCentreEvent> events = catchingUp;
            catchingUp = null;
            publishTogether(events);
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        if (tookMillis > 1_000 && started - lastBehindWarning > TimeUnit.MINUTES.toNanos(1)) {
            lastBehindWarning = started;
            LOG.warn("The simulator falls behind the clock: publishing the events of one {} ms tick took {} ms; "
                    + "fewer calls per minute would keep pace", TICK_MILLIS, tookMillis);
        }
    }

    /** The simulation's events: kept for the end of a catch-up, published at once otherwise. */
    private void publish(ContactCentreEvent event) {
        if (catchingUp != null) {
            catchingUp.add(event);
        } else {
            sink.publish(event);
        }
    }

    /** A failure loses the catch-up's events (the simulation goes on), said at most once a minute. */
    private void publishTogether(List<ContactCentreEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            sink.publish(events);
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (now - lastPublishWarning > TimeUnit.MINUTES.toNanos(1)) {
                lastPublishWarning = now;
                LOG.warn("Publishing {} simulated events failed; the simulation goes on", events.size(), e);
            }
        }
    }

    /** Runs a scheduled task; a failure is logged and the schedule goes on. */
    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("Simulator step failed", e);
        }
    }

    /** {@code id:name:teamId[,teamId…]} entries; none: one queue per team, named as the team. */
    static List<CallQueue> queues(String[] entries, Map<String, Agent.Team> teams) {
        List<CallQueue> queues = new ArrayList<>();
        if (entries.length == 0) {
            teams.values().forEach(team -> queues.add(new CallQueue(team.id(), team.name(), List.of(team.id()))));
            return queues;
        }
        Set<String> ids = new HashSet<>();
        for (String entry : entries) {
            int first = entry.indexOf(':');
            int last = entry.lastIndexOf(':');
            String id = first < 0 ? "" : entry.substring(0, first).trim();
            String name = first < 0 || last == first ? "" : entry.substring(first + 1, last).trim();
            List<String> teamIds = last < 0 ? List.of()
                    : Arrays.stream(entry.substring(last + 1).split(",")).map(String::trim).filter(team -> !team.isEmpty()).toList();
            if (id.isEmpty() || name.isEmpty() || teamIds.isEmpty()) {
                throw new IllegalArgumentException(CallSettings.PID + ": queues entry '" + entry
                        + "' must look like id:name:teamId[,teamId...]");
            }
            for (String teamId : teamIds) {
                if (!teams.containsKey(teamId)) {
                    throw new IllegalArgumentException(CallSettings.PID + ": queues entry '" + entry + "' names team " + teamId
                            + ", which is not in 'teams'");
                }
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException(CallSettings.PID + ": queues entry '" + entry + "' repeats queue id " + id);
            }
            queues.add(new CallQueue(id, name, teamIds));
        }
        return queues;
    }

    private static Agent.Team team(Map<String, Agent.Team> teams, String entry, String key) {
        String teamId = split(entry, key)[1];
        Agent.Team team = teams.get(teamId);
        if (team == null) {
            throw new IllegalArgumentException(CallSettings.PID + ": " + key + " entry '" + entry
                    + "' names team " + teamId + ", which is not in 'teams'");
        }
        return team;
    }

    private static String[] split(String entry, String key) {
        String[] parts = entry.split(":", 2);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException(CallSettings.PID + ": " + key + " entry '" + entry
                    + "' must look like id:value");
        }
        return new String[] {parts[0].trim(), parts[1].trim()};
    }
}
