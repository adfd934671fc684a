package io.switchboard.api.events;

import java.util.Objects;

/**
 * An agent joined or left a team: published to the team's node (a POST or a DELETE of the member).
 *
 * @param team the team joined or left
 * @param agent the member, with its current details
 * @param state the member's current state, for the summary a supervisor sees; may be null
 * @param joined true when the agent joined, false when it left
 */
public record TeamMembershipEvent(Team team, Agent agent, AgentState state, boolean joined) implements ContactCentreEvent {

    public TeamMembershipEvent {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(agent, "agent");
    }
}
