package io.switchboard.api.events;

import java.util.Objects;

/** A team of agents, as the source knows it. */
public record Team(String id, String name) {

    public Team {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
