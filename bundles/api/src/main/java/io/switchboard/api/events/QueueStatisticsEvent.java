package io.switchboard.api.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A queue's statistics now: published to the queue's node.
 *
 * @param queueId the queue's id
 * @param queueName its name
 * @param callsInQueue calls waiting
 * @param startTimeOfLongestCallInQueue when the longest waiting call arrived; null when none waits
 * @param agentsReady agents of the queue that are READY
 * @param agentsNotReady agents that are NOT_READY
 * @param agentsTalking agents on a call
 * @param agentsLoggedOn agents logged on in any state
 */
public record QueueStatisticsEvent(String queueId, String queueName, int callsInQueue, Instant startTimeOfLongestCallInQueue,
        int agentsReady, int agentsNotReady, int agentsTalking, int agentsLoggedOn) implements ContactCentreEvent {

    public QueueStatisticsEvent {
        Objects.requireNonNull(queueId, "queueId");
        queueName = queueName == null ? "" : queueName;
    }
}
