package io.switchboard.eventsource.simulator.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.events.ContactCentreEvent;
import io.switchboard.api.events.DialogEvent;
import io.switchboard.api.events.QueueStatisticsEvent;

/**
 * The simulated contact centre itself, without threads or clocks: the caller hands in the time
 * ({@link #advanceTo}) and the random numbers, so a test runs an hour of calls in milliseconds and
 * the same seed gives the same run.
 *
 * <p>Calls arrive as a Poisson process, each in a queue chosen at random; a call waits until an
 * agent of one of the queue's teams is READY (the longest ready first), or until its caller gives
 * up. The agent is RESERVED while the dialog is ALERTING, answers (TALKING, ACTIVE), maybe holds
 * once (HOLD, HELD), hangs up (the dialog is DROPPED and deleted), then wraps up (WORK_READY or
 * WORK) or goes straight to READY or NOT_READY. A NOT_READY agent is READY again after a while.
 * Queue statistics go out at an interval, for the queues whose numbers changed.
 * <p>Over 400 lines on purpose: it is one state machine (a call's and its agent's steps), each
 * step a short method; split, the steps would pass the centre's state back and forth.
 *
 * <p>Without calls ({@code callsPerMinute} 0) only {@link #step} changes states: one agent takes its
 * next step through all the states, as the simulator did before it simulated calls.
 *
 * <p>Not thread-safe: the simulator calls it from its one thread.
 */
final class ContactCentre {

    private static final Logger LOG = LoggerFactory.getLogger(ContactCentre.class);
    /** Finesse's dialog ids are numbers like this one. */
    private static final long FIRST_DIALOG_ID = 16_777_217L;
    /** The states an agent may leave for READY or NOT_READY when it asks (Finesse: no call in progress). */
    private static final Set<AgentState> SETTABLE = EnumSet.of(AgentState.NOT_READY, AgentState.READY, AgentState.WORK,
            AgentState.WORK_READY);

    private final List<Agent> agents;
    private final List<CallQueue> queues;
    private final CallSettings settings;
    private final Consumer<ContactCentreEvent> publisher;
    private final RandomGenerator random;
    private final Timers timers = new Timers();
    private final Map<String, List<Agent>> members = new HashMap<>();
    private final Map<String, List<CallQueue>> queuesOfTeam = new HashMap<>();
    /** Per team, its READY agents (none has a call), longest ready first. */
    private final Map<String, LinkedHashSet<Agent>> ready = new HashMap<>();
    private Instant now;
    private long nextDialogId = FIRST_DIALOG_ID;
    private boolean arrivals;
    private long publishFailures;

    ContactCentre(List<Agent> agents, List<CallQueue> queues, CallSettings settings, Consumer<ContactCentreEvent> publisher,
            RandomGenerator random, Instant start) {
        this.agents = List.copyOf(agents);
        this.queues = List.copyOf(queues);
        this.settings = settings;
        this.publisher = publisher;
        this.random = random;
        this.now = start;
        for (Agent agent : agents) {
            members.computeIfAbsent(agent.team.id(), id -> new ArrayList<>()).add(agent);
            LinkedHashSet<Agent> readyOfTeam = ready.computeIfAbsent(agent.team.id(), id -> new LinkedHashSet<>());
            if (agent.state == AgentState.READY) {
                readyOfTeam.add(agent);
            }
        }
        for (CallQueue queue : queues) {
            queue.teamIds.forEach(teamId -> queuesOfTeam.computeIfAbsent(teamId, id -> new ArrayList<>()).add(queue));
        }
        if (settings.callsOn()) {
            // the agents log in over the first notReadySeconds, not all in the same millisecond
            for (Agent agent : agents) {
                if (agent.state == AgentState.NOT_READY) {
                    agent.timer = timers.at(now.plus(seconds(settings.notReadySeconds() * random.nextDouble())),
                            () -> backFromNotReady(agent));
                }
            }
            arrivals = true;
            scheduleArrival();
            timers.at(now, this::publishStatistics);
        }
    }

    /** Runs everything due by {@code until}, in order; a clock that stepped back waits until it is past the last time again. */
    void advanceTo(Instant until) {
        Timers.Timer timer;
        while ((timer = timers.poll(until)) != null) {
            if (timer.at.isAfter(now)) {
                now = timer.at;
            }
            try {
                timer.action.run();
            } catch (RuntimeException e) {
                LOG.error("Simulator step failed", e); // one failure must not stop the simulation
            }
        }
        if (until.isAfter(now)) {
            now = until;
        }
    }

    /**
     * The pace's step, a change that is not a call's. Without calls: a random agent takes its next
     * step through all the states. With calls: a random idle READY agent goes NOT_READY with a reason.
     */
    void step(Instant at) {
        advanceTo(at);
        if (settings.callsOn()) {
            List<Agent> idle = ready.values().stream().flatMap(Set::stream).toList();
            if (!idle.isEmpty()) {
                goNotReady(idle.get(random.nextInt(idle.size())), breakReason());
            }
            return;
        }
        List<Agent> present = agents.stream().filter(agent -> !agent.desktopGone).toList();
        if (present.isEmpty()) {
            return;
        }
        Agent agent = present.get(random.nextInt(present.size()));
        AgentState next = agent.state.next(random);
        change(agent, next, switch (next) {
            case NOT_READY -> breakReason();
            case LOGOUT -> Agent.ReasonCode.END_OF_SHIFT;
            default -> null;
        });
        if (next == AgentState.LOGIN) { // transient: published, then left at once
            change(agent, AgentState.NOT_READY, breakReason());
        }
    }

    /**
     * READY or NOT_READY, as the agent's desktop asks.
     *
     * @throws IllegalStateException if the agent is on a call (or logged out), as Finesse refuses it
     */
    void setByDesktop(Agent agent, AgentState next, Agent.ReasonCode reason, Instant at) {
        advanceTo(at);
        if (!SETTABLE.contains(agent.state)) {
            throw new IllegalStateException(agent.loginId + " is " + agent.state + "; " + next
                    + " can be set only from NOT_READY, READY, WORK or WORK_READY");
        }
        cancelTimer(agent);
        if (next == AgentState.READY) {
            becomeReady(agent);
        } else {
            goNotReady(agent, reason);
        }
    }

    /** The agent is logged out (its desktop went away): a call it is on is dropped. */
    void logOut(Agent agent, Agent.ReasonCode reason, Instant at) {
        advanceTo(at);
        cancelTimer(agent);
        if (agent.call != null) {
            end(agent.call);
        }
        change(agent, AgentState.LOGOUT, reason);
    }

    /** The agent logs in: LOGIN, then NOT_READY on a break. */
    void logIn(Agent agent, Instant at) {
        advanceTo(at);
        cancelTimer(agent);
        change(agent, AgentState.LOGIN, null);
        goNotReady(agent, Agent.ReasonCode.BREAK);
    }

    /** No more calls arrive; the ones in progress go on to their end. */
    void stopArrivals() {
        arrivals = false;
    }

    /** Drops every call now (the simulator stops): no desktop keeps a dialog that will never end. */
    void hangUpAll(Instant at) {
        advanceTo(at);
        stopArrivals();
        queues.forEach(queue -> queue.waiting.clear());
        for (Agent agent : agents) {
            if (agent.call != null) {
                end(agent.call);
            }
        }
    }

    /** A queue's statistics now. */
    QueueStatisticsEvent statistics(CallQueue queue) {
        int readyCount = 0;
        int notReady = 0;
        int talking = 0;
        int loggedOn = 0;
        for (String teamId : queue.teamIds) {
            for (Agent agent : members.getOrDefault(teamId, List.of())) {
                switch (agent.state) {
                    case READY -> readyCount++;
                    case NOT_READY -> notReady++;
                    case TALKING, HOLD -> talking++;
                    default -> {
                    }
                }
                if (agent.state != AgentState.LOGOUT) {
                    loggedOn++;
                }
            }
        }
        return new QueueStatisticsEvent(queue.id, queue.name, queue.waiting.size(), queue.oldestArrival(), readyCount, notReady,
                talking, loggedOn);
    }

    List<CallQueue> queues() {
        return queues;
    }

    Instant now() {
        return now;
    }

    // ---- calls ---------------------------------------------------------------------------------------

    private void scheduleArrival() {
        timers.at(now.plus(exponential(60 / settings.callsPerMinute())), this::arrive);
    }

    private void arrive() {
        if (!arrivals) {
            return;
        }
        scheduleArrival();
        if (queues.isEmpty()) {
            return;
        }
        CallQueue queue = queues.get(random.nextInt(queues.size()));
        Call call = new Call(String.valueOf(nextDialogId++), queue, caller(), now);
        queue.arrived++;
        Agent agent = longestReady(queue);
        if (agent != null) {
            offer(call, agent);
        } else {
            queue.waiting.addLast(call);
            call.next = timers.at(now.plus(seconds(settings.abandonSeconds())), () -> abandon(call));
        }
    }

    private void abandon(Call call) {
        call.queue.waiting.remove(call);
        call.queue.abandoned++;
    }

    private Agent longestReady(CallQueue queue) {
        Agent longest = null;
        for (String teamId : queue.teamIds) {
            LinkedHashSet<Agent> readyOfTeam = ready.get(teamId);
            Agent first = readyOfTeam == null || readyOfTeam.isEmpty() ? null : readyOfTeam.iterator().next();
            if (first != null && (longest == null || first.stateChangeTime.isBefore(longest.stateChangeTime))) {
                longest = first;
            }
        }
        return longest;
    }

    private void offer(Call call, Agent agent) {
        if (call.next != null) {
            call.next.cancel(); // the caller's patience
        }
        cancelTimer(agent);
        call.queue.offered++;
        call.agent = agent;
        agent.call = call;
        change(agent, AgentState.RESERVED, null);
        dialog(call, DialogEvent.Change.CREATED, "ALERTING");
        call.next = timers.at(now.plus(around(settings.ringSeconds())), () -> answer(call));
    }

    private void answer(Call call) {
        call.answered = now;
        change(call.agent, AgentState.TALKING, null);
        dialog(call, DialogEvent.Change.UPDATED, "ACTIVE");
        Duration talk = exponential(settings.handleSeconds());
        if (chance(settings.holdPercent())) {
            Duration before = talk.dividedBy(2);
            call.talkAfterHold = talk.minus(before);
            call.next = timers.at(now.plus(before), () -> hold(call));
        } else {
            call.next = timers.at(now.plus(talk), () -> hangUp(call));
        }
    }

    private void hold(Call call) {
        change(call.agent, AgentState.HOLD, null);
        dialog(call, DialogEvent.Change.UPDATED, "HELD");
        call.next = timers.at(now.plus(exponential(settings.holdSeconds())), () -> resume(call));
    }

    private void resume(Call call) {
        change(call.agent, AgentState.TALKING, null);
        dialog(call, DialogEvent.Change.UPDATED, "ACTIVE");
        call.next = timers.at(now.plus(call.talkAfterHold), () -> hangUp(call));
    }

    private void hangUp(Call call) {
        Agent agent = call.agent;
        end(call);
        boolean notReady = chance(settings.notReadyPercent());
        if (chance(settings.wrapUpPercent())) {
            change(agent, notReady ? AgentState.WORK : AgentState.WORK_READY, null);
            agent.timer = timers.at(now.plus(exponential(settings.wrapUpSeconds())), () -> endWrapUp(agent));
        } else if (notReady) {
            goNotReady(agent, breakReason());
        } else {
            becomeReady(agent);
        }
    }

    /** The dialog is dropped and deleted; the agent is free of it. */
    private void end(Call call) {
        if (call.next != null) {
            call.next.cancel();
        }
        call.agent.call = null;
        dialog(call, DialogEvent.Change.DELETED, "DROPPED");
    }

    private void endWrapUp(Agent agent) {
        agent.timer = null;
        if (agent.state == AgentState.WORK) {
            goNotReady(agent, breakReason());
        } else if (agent.state == AgentState.WORK_READY) {
            becomeReady(agent);
        }
    }

    private void backFromNotReady(Agent agent) {
        agent.timer = null;
        if (agent.state == AgentState.NOT_READY && !agent.desktopGone) {
            becomeReady(agent);
        }
    }

    private void goNotReady(Agent agent, Agent.ReasonCode reason) {
        cancelTimer(agent);
        change(agent, AgentState.NOT_READY, reason);
        if (settings.callsOn()) {
            agent.timer = timers.at(now.plus(exponential(settings.notReadySeconds())), () -> backFromNotReady(agent));
        }
    }

    /** READY, and the oldest call waiting in one of the team's queues is offered at once. */
    private void becomeReady(Agent agent) {
        change(agent, AgentState.READY, null);
        CallQueue oldest = null;
        for (CallQueue queue : queuesOfTeam.getOrDefault(agent.team.id(), List.of())) {
            if (!queue.waiting.isEmpty() && (oldest == null || queue.oldestArrival().isBefore(oldest.oldestArrival()))) {
                oldest = queue;
            }
        }
        if (oldest != null) {
            offer(oldest.waiting.pollFirst(), agent);
        }
    }

    private void cancelTimer(Agent agent) {
        if (agent.timer != null) {
            agent.timer.cancel();
            agent.timer = null;
        }
    }

    /** Every state change goes through here: it keeps the ready lists and publishes the agent's state. */
    private void change(Agent agent, AgentState next, Agent.ReasonCode reason) {
        LinkedHashSet<Agent> readyOfTeam = ready.get(agent.team.id());
        readyOfTeam.remove(agent);
        agent.change(next, reason, now);
        if (next == AgentState.READY && agent.call == null) {
            readyOfTeam.add(agent); // at the end: the longest ready come first
        }
        publish(agent.event());
    }

    private void dialog(Call call, DialogEvent.Change change, String state) {
        publish(new DialogEvent(call.dialogId, call.agent.profile(), change, state, call.caller, call.queue.id, "Voice",
                call.arrival));
    }

    private void publishStatistics() {
        timers.at(now.plus(settings.statisticsInterval()), this::publishStatistics);
        for (CallQueue queue : queues) {
            QueueStatisticsEvent statistics = statistics(queue);
            if (!statistics.equals(queue.published)) {
                queue.published = statistics;
                publish(statistics);
            }
        }
    }

    private void publish(ContactCentreEvent event) {
        try {
            publisher.accept(event);
        } catch (RuntimeException e) {
            // the simulation goes on; say so once, then once in a thousand, not at every event
            if (publishFailures++ % 1000 == 0) {
                LOG.warn("Publishing a simulated event failed ({} failures so far): {}", publishFailures, event, e);
            }
        }
    }

    // ---- random draws --------------------------------------------------------------------------------

    /** An exponentially distributed time with this mean. */
    private Duration exponential(double meanSeconds) {
        return seconds(-meanSeconds * Math.log(1 - random.nextDouble()));
    }

    /** Uniformly between half and one and a half times the mean. */
    private Duration around(double meanSeconds) {
        return seconds(meanSeconds * (0.5 + random.nextDouble()));
    }

    private boolean chance(double percent) {
        return random.nextDouble() * 100 < percent;
    }

    private Agent.ReasonCode breakReason() {
        return random.nextBoolean() ? Agent.ReasonCode.BREAK : Agent.ReasonCode.LUNCH;
    }

    private String caller() {
        return "+1555" + (1_000_000 + random.nextInt(9_000_000));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(Math.min(seconds, 1e9) * 1e9));
    }
}
