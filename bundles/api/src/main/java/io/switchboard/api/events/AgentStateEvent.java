package io.switchboard.api.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An agent's state changed (or is stated again): published to the agent's node and its team's.
 *
 * @param agent who
 * @param state the state it is in now
 * @param pendingState the state it moves to when its current call ends (e.g. LOGOUT); null for none
 * @param reasonCode why it is NOT_READY or LOGOUT; null for none, and shown only when its category
 *        is the state
 * @param stateChangeTime when the state began
 */
public record AgentStateEvent(Agent agent, AgentState state, AgentState pendingState, ReasonCode reasonCode,
        Instant stateChangeTime) implements ContactCentreEvent {

    public AgentStateEvent {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateChangeTime, "stateChangeTime");
    }
}
