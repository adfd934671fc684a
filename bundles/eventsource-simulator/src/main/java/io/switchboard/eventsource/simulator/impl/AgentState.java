package io.switchboard.eventsource.simulator.impl;

import java.util.random.RandomGenerator;

/**
 * Finesse agent states and the walk through them that the simulator takes when it simulates no
 * calls: LOGOUT → LOGIN → NOT_READY ⇄ READY → RESERVED → TALKING ⇄ HOLD → WORK (→ NOT_READY) or
 * WORK_READY (→ READY). With calls, {@link ContactCentre} moves the agents along the same arrows.
 */
enum AgentState {
    LOGOUT, LOGIN, NOT_READY, READY, RESERVED, TALKING, HOLD, WORK, WORK_READY;

    /** The state this one moves to next; LOGIN is transient and always ends in NOT_READY. */
    AgentState next(RandomGenerator random) {
        int roll = random.nextInt(100);
        return switch (this) {
            case LOGOUT -> LOGIN;
            case LOGIN -> NOT_READY;
            case NOT_READY -> roll < 90 ? READY : LOGOUT;
            case READY -> roll < 75 ? RESERVED : NOT_READY;
            case RESERVED -> TALKING;
            case TALKING -> roll < 20 ? HOLD : roll < 55 ? WORK_READY : roll < 80 ? WORK : READY;
            case HOLD -> TALKING;
            case WORK -> NOT_READY;
            case WORK_READY -> READY;
        };
    }
}
