package io.switchboard.api.events;

import java.util.Objects;

/**
 * Why an agent is not ready or logged out, as a Finesse administrator defines reasons.
 *
 * @param id the reason's id (its REST path ends with it)
 * @param code the code the agent picks
 * @param label what the desktop shows
 * @param category the state it explains: {@code NOT_READY} or {@code LOGOUT}
 */
public record ReasonCode(int id, int code, String label, AgentState category) {

    public ReasonCode {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(category, "category");
    }
}
