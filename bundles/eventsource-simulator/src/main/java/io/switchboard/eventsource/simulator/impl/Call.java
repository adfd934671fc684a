package io.switchboard.eventsource.simulator.impl;

import java.time.Duration;
import java.time.Instant;

/** One caller: waiting in its queue, then a dialog of the agent it was offered to. */
final class Call {

    final String dialogId;
    final CallQueue queue;
    final String caller;
    final Instant arrival;
    Agent agent;
    /** The next thing that happens to the call: the caller giving up, the answer, hold, resume or the end. */
    Timers.Timer next;
    /** When the agent answered; the dialog's start time. */
    Instant answered;
    /** Talk time still to come after a hold. */
    Duration talkAfterHold = Duration.ZERO;

    Call(String dialogId, CallQueue queue, String caller, Instant arrival) {
        this.dialogId = dialogId;
        this.queue = queue;
        this.caller = caller;
        this.arrival = arrival;
    }
}
