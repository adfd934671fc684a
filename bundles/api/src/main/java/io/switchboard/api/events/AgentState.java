package io.switchboard.api.events;

/**
 * Finesse agent states. LOGIN is transient and ends in NOT_READY; a typical day goes LOGOUT → LOGIN
 * → NOT_READY ⇄ READY → RESERVED → TALKING ⇄ HOLD → READY, NOT_READY, or through wrap-up WORK
 * (→ NOT_READY) or WORK_READY (→ READY).
 */
public enum AgentState {
    LOGIN, LOGOUT, NOT_READY, READY, RESERVED, RESERVED_OUTBOUND, RESERVED_OUTBOUND_PREVIEW, TALKING, HOLD,
    WORK, WORK_READY, UNKNOWN
}
