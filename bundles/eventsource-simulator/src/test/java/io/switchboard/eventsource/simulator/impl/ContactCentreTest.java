package io.switchboard.eventsource.simulator.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.Test;

import io.switchboard.api.events.AgentStateEvent;
import io.switchboard.api.events.ContactCentreEvent;
import io.switchboard.api.events.DialogEvent;
import io.switchboard.api.events.QueueStatisticsEvent;

/** The call flow in simulated time: a fixed seed and a clock the test moves, no threads, no sleeping. */
public class ContactCentreTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    private static final CallSettings BUSY = new CallSettings(40, 3, 45, 30, 10, 50, 10, 20, 20, 60, Duration.ofSeconds(1));

    /** The moves finesse-compat.md describes, plus READY/NOT_READY from wrap-up on the desktop's request and logout from anywhere. */
    private static final Map<AgentState, Set<AgentState>> LEGAL = new EnumMap<>(Map.of(
            AgentState.LOGOUT, EnumSet.of(AgentState.LOGIN),
            AgentState.LOGIN, EnumSet.of(AgentState.NOT_READY),
            AgentState.NOT_READY, EnumSet.of(AgentState.READY, AgentState.NOT_READY, AgentState.LOGOUT),
            AgentState.READY, EnumSet.of(AgentState.RESERVED, AgentState.NOT_READY, AgentState.READY, AgentState.LOGOUT),
            AgentState.RESERVED, EnumSet.of(AgentState.TALKING, AgentState.LOGOUT),
            AgentState.TALKING, EnumSet.of(AgentState.HOLD, AgentState.WORK, AgentState.WORK_READY, AgentState.READY,
                    AgentState.NOT_READY, AgentState.LOGOUT),
            AgentState.HOLD, EnumSet.of(AgentState.TALKING, AgentState.LOGOUT),
            AgentState.WORK, EnumSet.of(AgentState.NOT_READY, AgentState.READY, AgentState.LOGOUT),
            AgentState.WORK_READY, EnumSet.of(AgentState.READY, AgentState.NOT_READY, AgentState.LOGOUT)));

    private final List<ContactCentreEvent> events = new ArrayList<>();
    private final List<Agent> agents = new ArrayList<>();

    @Test
    public void everyStateChangeIsOneFinesseAllows() {
        ContactCentre centre = centre(BUSY, 3, 10, 1);
        Map<String, AgentState> last = new HashMap<>();
        agents.forEach(agent -> last.put(agent.loginId, AgentState.NOT_READY));
        runHours(centre, 2, true);

        Set<AgentState> seen = EnumSet.noneOf(AgentState.class);
        for (AgentStateEvent event : ofType(AgentStateEvent.class)) {
            AgentState to = AgentState.valueOf(event.state().name());
            AgentState from = last.put(event.agent().loginId(), to);
            assertTrue(event.agent().loginId() + ": " + from + " → " + to, LEGAL.get(from).contains(to));
            seen.add(to);
        }
        assertEquals("the run went through every state", EnumSet.allOf(AgentState.class), seen);
    }

    @Test
    public void everyDialogAlertsIsAnsweredMayBeHeldAndEndsWhileItsAgentIsInTheMatchingState() {
        ContactCentre centre = centre(BUSY, 3, 10, 2);
        runHours(centre, 2, false);
        centre.stopArrivals();
        centre.advanceTo(centre.now().plus(Duration.ofDays(1))); // every call in progress ends by itself

        Map<String, List<String>> dialogs = new LinkedHashMap<>();
        Map<String, AgentState> agentState = new HashMap<>();
        for (ContactCentreEvent event : events) {
            if (event instanceof AgentStateEvent state) {
                agentState.put(state.agent().loginId(), AgentState.valueOf(state.state().name()));
            } else if (event instanceof DialogEvent dialog) {
                List<String> flow = dialogs.computeIfAbsent(dialog.dialogId(), id -> new ArrayList<>());
                assertFalse("nothing after the end of " + dialog.dialogId(), flow.contains("DROPPED"));
                flow.add(dialog.state());
                AgentState expected = switch (dialog.state()) {
                    case "ALERTING" -> AgentState.RESERVED;
                    case "ACTIVE", "DROPPED" -> AgentState.TALKING; // the agent hangs up while talking (no logouts in this run)
                    case "HELD" -> AgentState.HOLD;
                    default -> throw new AssertionError("unexpected dialog state " + dialog.state());
                };
                assertEquals(dialog.dialogId() + " " + dialog.state(), expected, agentState.get(dialog.agent().loginId()));
                assertEquals(switch (dialog.state()) {
                    case "ALERTING" -> DialogEvent.Change.CREATED;
                    case "DROPPED" -> DialogEvent.Change.DELETED;
                    default -> DialogEvent.Change.UPDATED;
                }, dialog.change());
                assertTrue(dialog.fromAddress(), dialog.fromAddress().matches("\\+1555\\d{7}"));
            }
        }
        assertTrue("enough calls to mean something: " + dialogs.size(), dialogs.size() > 1_000);
        for (Map.Entry<String, List<String>> dialog : dialogs.entrySet()) {
            String flow = String.join(" ", dialog.getValue());
            assertTrue(dialog.getKey() + ": " + flow, flow.matches("ALERTING ACTIVE( HELD ACTIVE)? DROPPED"));
        }
        assertTrue("some calls were held", dialogs.values().stream().anyMatch(flow -> flow.contains("HELD")));
        for (Agent agent : agents) {
            assertNull(agent.loginId + " has no call left", agent.call);
        }
        for (CallQueue queue : centre.queues()) {
            assertTrue(queue.waiting.isEmpty());
            assertEquals("every call was offered or abandoned", queue.arrived, queue.offered + queue.abandoned);
        }
    }

    @Test
    public void queueStatisticsAddUpAndNoCallWaitsWhileAnAgentOfItsTeamsIsReady() {
        // queue "both" is answered by both teams; a busy centre, so calls wait and some callers give up
        ContactCentre centre = centre(new CallSettings(90, 3, 60, 20, 10, 50, 20, 20, 30, 45, Duration.ofSeconds(1)), 2, 6, 3,
                new CallQueue("both", "Both teams", List.of("1", "2")));
        boolean waited = false;
        for (int second = 1; second <= 3_600; second++) {
            centre.advanceTo(T0.plusSeconds(second));
            for (CallQueue queue : centre.queues()) {
                QueueStatisticsEvent statistics = centre.statistics(queue);
                List<Agent> ofQueue = agents.stream().filter(agent -> queue.teamIds.contains(agent.team.id())).toList();
                int others = (int) ofQueue.stream().filter(agent -> EnumSet.of(AgentState.RESERVED, AgentState.WORK,
                        AgentState.WORK_READY, AgentState.LOGIN).contains(agent.state)).count();
                assertEquals(statistics.toString(), statistics.agentsLoggedOn(),
                        statistics.agentsReady() + statistics.agentsNotReady() + statistics.agentsTalking() + others);
                assertEquals(ofQueue.size(), statistics.agentsLoggedOn()); // nobody logged out in this run
                assertEquals(queue.waiting.size(), statistics.callsInQueue());
                if (statistics.callsInQueue() > 0) {
                    waited = true;
                    assertEquals("calls wait only while nobody of the queue's teams is ready: " + statistics, 0, statistics.agentsReady());
                    assertTrue(statistics.startTimeOfLongestCallInQueue().isAfter(centre.now().minusSeconds(46)));
                } else {
                    assertNull(statistics.startTimeOfLongestCallInQueue());
                }
            }
        }
        assertTrue("the centre was busy enough for calls to wait", waited);
        assertTrue("and some callers gave up", centre.queues().stream().anyMatch(queue -> queue.abandoned > 0));

        List<QueueStatisticsEvent> published = ofType(QueueStatisticsEvent.class);
        assertEquals("every queue published at the start", Set.of("1", "2", "both"),
                Set.copyOf(published.subList(0, 3).stream().map(QueueStatisticsEvent::queueId).toList()));
        Map<String, QueueStatisticsEvent> previous = new HashMap<>();
        for (QueueStatisticsEvent statistics : published) {
            assertFalse("an update only when something changed: " + statistics, statistics.equals(previous.put(statistics.queueId(), statistics)));
        }
        assertTrue(published.size() > 100);
    }

    @Test
    public void aCallWaitsForAReadyAgentWhoGetsTheOldestCallAtOnce() {
        // agents stay NOT_READY for days: every call waits; callers are patient for an hour
        ContactCentre centre = centre(new CallSettings(60, 3, 60, 0, 10, 0, 20, 0, 1e6, 3_600, Duration.ofSeconds(1)), 1, 3, 4);
        centre.advanceTo(T0.plusSeconds(300));
        CallQueue queue = centre.queues().get(0);
        assertTrue("calls wait: " + queue.waiting.size(), queue.waiting.size() > 1);
        Call oldest = queue.waiting.peekFirst();
        assertTrue(ofType(DialogEvent.class).isEmpty());

        Agent agent = agents.get(1);
        centre.setByDesktop(agent, AgentState.READY, null, T0.plusSeconds(300));

        assertEquals(AgentState.RESERVED, agent.state);
        assertEquals(oldest, agent.call);
        DialogEvent alerting = ofType(DialogEvent.class).get(0);
        assertEquals(oldest.dialogId, alerting.dialogId());
        assertEquals(agent.loginId, alerting.agent().loginId());
        assertEquals("ALERTING", alerting.state());
        assertEquals(queue.id, alerting.toAddress());
        IllegalStateException busy = assertThrows(IllegalStateException.class,
                () -> centre.setByDesktop(agent, AgentState.NOT_READY, null, T0.plusSeconds(300)));
        assertTrue(busy.getMessage(), busy.getMessage().contains("is RESERVED"));

        centre.advanceTo(T0.plusSeconds(305)); // the ring is at most 1.5 times 3 seconds
        assertEquals(AgentState.TALKING, agent.state);
        assertEquals("ACTIVE", ofType(DialogEvent.class).get(1).state());
    }

    @Test
    public void aLogoutDropsTheCallAndALoginComesBackNotReady() {
        ContactCentre centre = centre(new CallSettings(60, 3, 3_600, 0, 10, 0, 20, 0, 0, 3_600, Duration.ofSeconds(1)), 1, 1, 5);
        Agent agent = agents.get(0);
        centre.advanceTo(T0.plusSeconds(600)); // READY at once (notReadySeconds 0), then a call of an hour
        assertEquals(AgentState.TALKING, agent.state);
        String dialogId = agent.call.dialogId;

        agent.desktopGone = true;
        centre.logOut(agent, Agent.ReasonCode.CONNECTION_LOST, T0.plusSeconds(601));

        assertEquals(AgentState.LOGOUT, agent.state);
        assertNull(agent.call);
        DialogEvent last = ofType(DialogEvent.class).get(ofType(DialogEvent.class).size() - 1);
        assertEquals(dialogId, last.dialogId());
        assertEquals(DialogEvent.Change.DELETED, last.change());
        assertEquals("DROPPED", last.state());
        centre.advanceTo(T0.plusSeconds(7_200));
        assertEquals("a logged-out agent gets no call", AgentState.LOGOUT, agent.state);

        agent.desktopGone = false;
        centre.logIn(agent, T0.plusSeconds(7_201));
        List<AgentStateEvent> states = ofType(AgentStateEvent.class);
        assertEquals(io.switchboard.api.events.AgentState.LOGIN, states.get(states.size() - 2).state());
        assertEquals(io.switchboard.api.events.AgentState.NOT_READY, states.get(states.size() - 1).state());
    }

    @Test
    public void theSameSeedGivesTheSameRun() {
        ContactCentre first = centre(BUSY, 2, 5, 42);
        runHours(first, 1, true);
        List<ContactCentreEvent> firstRun = List.copyOf(events);
        events.clear();
        agents.clear();
        ContactCentre second = centre(BUSY, 2, 5, 42);
        runHours(second, 1, true);

        assertEquals(firstRun.size(), events.size());
        assertEquals(firstRun.toString(), events.toString());
    }

    @Test
    public void withoutCallsOnlyThePaceChangesStatesAndNoDialogOrQueueEventIsPublished() {
        ContactCentre centre = centre(CallSettings.NONE, 2, 3, 6);
        centre.advanceTo(T0.plusSeconds(3_600));
        assertTrue("nothing happens between steps", events.isEmpty());
        for (int step = 1; step <= 500; step++) {
            centre.step(T0.plusSeconds(3_600 + step));
        }
        assertTrue(events.stream().allMatch(event -> event instanceof AgentStateEvent));
        assertTrue("the walk reaches TALKING without calls, as before", ofType(AgentStateEvent.class).stream()
                .anyMatch(event -> event.state() == io.switchboard.api.events.AgentState.TALKING));
    }

    @Test
    public void twoThousandAgentsInAHundredTeamsTakeTwentyCallsASecond() {
        long[] count = new long[1];
        // 20 calls a second, 45 s talk and 15 s wrap-up: about 1,300 agents busy at a time
        CallSettings settings = new CallSettings(1_200, 3, 45, 20, 10, 50, 15, 5, 10, 60, Duration.ofSeconds(1));
        for (int team = 1; team <= 100; team++) {
            for (int member = 1; member <= 20; member++) {
                agents.add(new Agent("agent" + ((team - 1) * 20 + member), new Agent.Team(String.valueOf(team), "Team " + team),
                        List.of("Agent"), 1000 + member));
            }
        }
        List<CallQueue> queues = new ArrayList<>();
        for (int team = 1; team <= 100; team++) {
            queues.add(new CallQueue(String.valueOf(team), "Queue " + team, List.of(String.valueOf(team))));
        }
        ContactCentre centre = new ContactCentre(agents, queues, settings, event -> count[0]++, new SplittableRandom(7), T0);
        long started = System.nanoTime();
        for (int tick = 1; tick <= 20 * 60 * 10; tick++) { // ten minutes in the component's 50 ms ticks
            centre.advanceTo(T0.plusMillis(50L * tick));
            if (tick % 40 == 0) {
                centre.step(centre.now());
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long arrived = queues.stream().mapToLong(queue -> queue.arrived).sum();
        long offered = queues.stream().mapToLong(queue -> queue.offered).sum();
        assertTrue("about 12,000 calls in ten minutes: " + arrived, arrived > 11_000 && arrived < 13_000);
        assertTrue("most calls reach an agent: " + offered + " of " + arrived, offered > arrived * 9 / 10);
        assertTrue("events: " + count[0], count[0] > 6 * offered);
        // simulating ten minutes must take a small part of ten minutes, whatever the machine
        assertTrue("ten simulated minutes took " + took, took.compareTo(Duration.ofSeconds(30)) < 0);
        assertNotNull(centre.now());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Teams 1..teams with agents per team and one queue per team, under a fixed seed. */
    private ContactCentre centre(CallSettings settings, int teams, int agentsPerTeam, long seed, CallQueue... more) {
        List<CallQueue> queues = new ArrayList<>();
        int extension = 1001;
        for (int team = 1; team <= teams; team++) {
            Agent.Team profile = new Agent.Team(String.valueOf(team), "Team " + team);
            for (int member = 1; member <= agentsPerTeam; member++) {
                agents.add(new Agent("agent" + extension, profile, List.of("Agent"), extension++));
            }
            queues.add(new CallQueue(profile.id(), profile.name() + " Queue", List.of(profile.id())));
        }
        queues.addAll(List.of(more));
        return new ContactCentre(agents, queues, settings, events::add, new SplittableRandom(seed), T0);
    }

    /**
     * Hours of calls, with the pace's step every two seconds and, now and then, an agent's own READY
     * or NOT_READY; with logouts, now and then a desktop goes away (whatever the agent is doing) or
     * comes back.
     */
    private void runHours(ContactCentre centre, int hours, boolean logouts) {
        SplittableRandom desktop = new SplittableRandom(99);
        Instant end = centre.now().plus(Duration.ofHours(hours));
        for (Instant at = centre.now().plusSeconds(2); !at.isAfter(end); at = at.plusSeconds(2)) {
            centre.step(at);
            Agent agent = agents.get(desktop.nextInt(agents.size()));
            int roll = desktop.nextInt(100);
            if (roll < 10 && EnumSet.of(AgentState.NOT_READY, AgentState.READY, AgentState.WORK, AgentState.WORK_READY)
                    .contains(agent.state)) {
                centre.setByDesktop(agent, desktop.nextBoolean() ? AgentState.READY : AgentState.NOT_READY,
                        Agent.ReasonCode.LUNCH, at);
            } else if (logouts && roll < 12) {
                agent.desktopGone = !agent.desktopGone;
                if (agent.desktopGone) {
                    centre.logOut(agent, Agent.ReasonCode.CONNECTION_LOST, at);
                } else {
                    centre.logIn(agent, at);
                }
            }
        }
    }

    private <T> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
