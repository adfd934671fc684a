package io.switchboard.eventsource.simulator.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.Test;

public class AgentStateTest {

    @Test
    public void everyStateReachesEveryOtherStateEventually() {
        for (AgentState start : AgentState.values()) {
            RandomGenerator random = new SplittableRandom(42);
            Set<AgentState> reached = EnumSet.noneOf(AgentState.class);
            AgentState state = start;
            for (int step = 0; step < 1_000; step++) {
                state = state.next(random);
                reached.add(state);
            }
            // the flow is one cycle with detours: a walk from anywhere visits everything
            assertEquals("from " + start, EnumSet.allOf(AgentState.class), reached);
        }
    }

    @Test
    public void loginAlwaysGoesToNotReady() {
        RandomGenerator random = new SplittableRandom(42);
        for (int draw = 0; draw < 1_000; draw++) {
            assertEquals(AgentState.NOT_READY, AgentState.LOGIN.next(random));
        }
    }

    @Test
    public void forcedStepsIgnoreTheRoll() {
        for (int roll : new int[] {0, 50, 99}) {
            RandomGenerator random = rolling(roll);
            assertEquals(AgentState.LOGIN, AgentState.LOGOUT.next(random));
            assertEquals(AgentState.NOT_READY, AgentState.LOGIN.next(random));
            assertEquals(AgentState.TALKING, AgentState.RESERVED.next(random));
            assertEquals(AgentState.TALKING, AgentState.HOLD.next(random));
            assertEquals(AgentState.NOT_READY, AgentState.WORK.next(random));
            assertEquals(AgentState.READY, AgentState.WORK_READY.next(random));
        }
    }

    @Test
    public void branchingStepsFollowTheDocumentedOdds() {
        // NOT_READY: 90% READY, else LOGOUT
        assertEquals(AgentState.READY, AgentState.NOT_READY.next(rolling(89)));
        assertEquals(AgentState.LOGOUT, AgentState.NOT_READY.next(rolling(90)));
        // READY: 75% RESERVED, else NOT_READY
        assertEquals(AgentState.RESERVED, AgentState.READY.next(rolling(74)));
        assertEquals(AgentState.NOT_READY, AgentState.READY.next(rolling(75)));
        // TALKING: 20% HOLD, 35% WORK_READY, 25% WORK, 20% READY
        assertEquals(AgentState.HOLD, AgentState.TALKING.next(rolling(19)));
        assertEquals(AgentState.WORK_READY, AgentState.TALKING.next(rolling(20)));
        assertEquals(AgentState.WORK_READY, AgentState.TALKING.next(rolling(54)));
        assertEquals(AgentState.WORK, AgentState.TALKING.next(rolling(55)));
        assertEquals(AgentState.WORK, AgentState.TALKING.next(rolling(79)));
        assertEquals(AgentState.READY, AgentState.TALKING.next(rolling(80)));
    }

    @Test
    public void sameSeedSameWalk() {
        assertEquals(walk(new SplittableRandom(7)), walk(new SplittableRandom(7)));
        assertTrue(walk(new SplittableRandom(7)).length() > 0);
    }

    private static String walk(RandomGenerator random) {
        StringBuilder walk = new StringBuilder();
        AgentState state = AgentState.LOGOUT;
        for (int step = 0; step < 50; step++) {
            state = state.next(random);
            walk.append(state).append(' ');
        }
        return walk.toString();
    }

    /** A generator whose roll out of 100 is fixed. */
    private static RandomGenerator rolling(int roll) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextInt(bound) is used");
            }

            @Override
            public int nextInt(int bound) {
                assertEquals(100, bound);
                return roll;
            }
        };
    }
}
