package io.switchboard.eventsource.http.impl;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.switchboard.api.events.Agent;
import io.switchboard.api.events.AgentState;
import io.switchboard.api.events.AgentStateEvent;
import io.switchboard.api.events.ContactCentreEvent;
import io.switchboard.api.events.DialogEvent;
import io.switchboard.api.events.QueueStatisticsEvent;
import io.switchboard.api.events.ReasonCode;
import io.switchboard.api.events.Team;
import io.switchboard.api.events.TeamMembershipEvent;

/**
 * Turns one request's fields into a typed event, or refuses it naming the field: 400 for a missing
 * or malformed field, 422 for an agent or team this source does not know.
 *
 * <p>{@code type} says which event: {@code agentState}, {@code teamMembership}, {@code dialog} or
 * {@code queueStatistics}.
 */
final class EventReader {

    static final List<String> TYPES = List.of("agentState", "teamMembership", "dialog", "queueStatistics");

    private final Directory directory;
    private final Clock clock;

    EventReader(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    ContactCentreEvent read(Fields fields) throws BadEvent {
        String type = required(fields, "type");
        return switch (type) {
            case "agentState" -> agentState(fields);
            case "teamMembership" -> teamMembership(fields);
            case "dialog" -> dialog(fields);
            case "queueStatistics" -> queueStatistics(fields);
            default -> throw BadEvent.badRequest(fields.path("type"),
                    "field '" + fields.path("type") + "': unknown type '" + type + "', expected one of " + TYPES);
        };
    }

    private AgentStateEvent agentState(Fields fields) throws BadEvent {
        Agent agent = agent(fields);
        AgentState state = state(fields, "state", true);
        AgentState pending = state(fields, "pendingState", false);
        ReasonCode reason = null;
        Fields reasonFields = fields.object("reasonCode");
        if (reasonFields != null) {
            AgentState category = state(reasonFields, "category", false);
            reason = new ReasonCode(integer(reasonFields, "id", true, -1), integer(reasonFields, "code", true, -1),
                    required(reasonFields, "label"), category == null ? state : category);
        }
        return new AgentStateEvent(agent, state, pending, reason, instant(fields, "stateChangeTime", clock.instant()));
    }

    private TeamMembershipEvent teamMembership(Fields fields) throws BadEvent {
        Agent agent = agent(fields);
        String teamId = required(fields, "team");
        Team team = directory.team(teamId);
        if (team == null) {
            throw new BadEvent(422, fields.path("team"), "field '" + fields.path("team") + "': unknown team '" + teamId + "'");
        }
        String joined = required(fields, "joined");
        if (!joined.equals("true") && !joined.equals("false")) {
            throw BadEvent.badRequest(fields.path("joined"), "field '" + fields.path("joined") + "' must be true or false, not '" + joined + "'");
        }
        return new TeamMembershipEvent(team, agent, state(fields, "state", false), Boolean.parseBoolean(joined));
    }

    private DialogEvent dialog(Fields fields) throws BadEvent {
        Agent agent = agent(fields);
        String change = required(fields, "change");
        DialogEvent.Change kind = Arrays.stream(DialogEvent.Change.values()).filter(value -> value.name().equals(change)).findFirst()
                .orElseThrow(() -> BadEvent.badRequest(fields.path("change"), "field '" + fields.path("change") + "': '" + change
                        + "' is not one of " + Arrays.toString(DialogEvent.Change.values())));
        return new DialogEvent(required(fields, "dialogId"), agent, kind, required(fields, "state"), fields.text("fromAddress"),
                fields.text("toAddress"), fields.text("mediaType"), instant(fields, "startTime", null));
    }

    private QueueStatisticsEvent queueStatistics(Fields fields) throws BadEvent {
        return new QueueStatisticsEvent(required(fields, "queue"), fields.text("name"), integer(fields, "callsInQueue", true, 0),
                instant(fields, "startTimeOfLongestCallInQueue", null), integer(fields, "agentsReady", false, 0),
                integer(fields, "agentsNotReady", false, 0), integer(fields, "agentsTalking", false, 0),
                integer(fields, "agentsLoggedOn", false, 0));
    }

    /** The event's agent, who must be one of this source's. */
    private Agent agent(Fields fields) throws BadEvent {
        String loginId = required(fields, "agent");
        Optional<Team> team = directory.teamOf(loginId);
        if (team == null) {
            throw new BadEvent(422, fields.path("agent"), "field '" + fields.path("agent") + "': unknown agent '" + loginId + "'");
        }
        return new Agent(loginId, fields.text("firstName"), fields.text("lastName"), fields.text("extension"),
                directory.supervisedTeams(loginId).isEmpty() ? List.of("Agent") : List.of("Agent", "Supervisor"), team.orElse(null));
    }

    private static String required(Fields fields, String name) throws BadEvent {
        String value = fields.text(name);
        if (value == null || value.isBlank()) {
            throw BadEvent.badRequest(fields.path(name), "missing field '" + fields.path(name) + "'");
        }
        return value.trim();
    }

    private static AgentState state(Fields fields, String name, boolean isRequired) throws BadEvent {
        String value = isRequired ? required(fields, name) : fields.text(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AgentState.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw BadEvent.badRequest(fields.path(name), "field '" + fields.path(name) + "': '" + value
                    + "' is not an agent state (one of " + Arrays.toString(AgentState.values()) + ")");
        }
    }

    private static int integer(Fields fields, String name, boolean isRequired, int otherwise) throws BadEvent {
        String value = isRequired ? required(fields, name) : fields.text(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw BadEvent.badRequest(fields.path(name), "field '" + fields.path(name) + "' must be a whole number ≥ 0, not '" + value + "'");
        }
    }

    private static Instant instant(Fields fields, String name, Instant otherwise) throws BadEvent {
        String value = fields.text(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw BadEvent.badRequest(fields.path(name), "field '" + fields.path(name)
                    + "' must be an ISO-8601 UTC time like 2024-03-05T10:00:00.000Z, not '" + value + "'");
        }
    }
}
