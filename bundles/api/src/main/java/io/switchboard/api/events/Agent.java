package io.switchboard.api.events;

import java.util.List;
import java.util.Objects;

/**
 * An agent (or supervisor, who is an agent too) as the source knows it.
 *
 * @param loginId the user's id, the local part of its JID
 * @param firstName may be empty
 * @param lastName may be empty
 * @param extension the agent's phone extension; may be empty
 * @param roles {@code Agent}, {@code Supervisor}
 * @param team the agent's team; null when it has none
 */
public record Agent(String loginId, String firstName, String lastName, String extension, List<String> roles, Team team) {

    public Agent {
        Objects.requireNonNull(loginId, "loginId");
        if (loginId.isBlank()) {
            throw new IllegalArgumentException("loginId is blank");
        }
        firstName = firstName == null ? "" : firstName;
        lastName = lastName == null ? "" : lastName;
        extension = extension == null ? "" : extension;
        roles = roles == null ? List.of("Agent") : List.copyOf(roles);
    }
}
