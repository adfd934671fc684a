package io.switchboard.api.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A call (Finesse: a dialog) of an agent began, changed or ended: published to the agent's dialogs
 * node.
 *
 * @param dialogId the call's id
 * @param agent the agent whose call it is
 * @param change CREATED (a new call), UPDATED or DELETED (it ended)
 * @param state the call's state: INITIATING, INITIATED, ALERTING, ACTIVE, HELD, DROPPED, FAILED, …
 * @param fromAddress the caller; may be empty
 * @param toAddress the called number; may be empty
 * @param mediaType {@code Voice} unless said otherwise
 * @param startTime when the call began; may be null
 */
public record DialogEvent(String dialogId, Agent agent, Change change, String state, String fromAddress, String toAddress,
        String mediaType, Instant startTime) implements ContactCentreEvent {

    public DialogEvent {
        Objects.requireNonNull(dialogId, "dialogId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(state, "state");
        fromAddress = fromAddress == null ? "" : fromAddress;
        toAddress = toAddress == null ? "" : toAddress;
        mediaType = mediaType == null || mediaType.isBlank() ? "Voice" : mediaType;
    }

    /** What happened to the dialog; Finesse says POST, PUT and DELETE. */
    public enum Change {
        CREATED, UPDATED, DELETED
    }
}
