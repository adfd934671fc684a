package io.switchboard.eventsource.simulator.impl;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.switchboard.api.events.QueueStatisticsEvent;

/** A queue: the calls waiting in it, oldest first, and the teams whose agents answer them. */
final class CallQueue {

    final String id;
    final String name;
    final List<String> teamIds;
    final Deque<Call> waiting = new ArrayDeque<>();
    /** What its node last received: an update goes out only when the statistics changed. */
    QueueStatisticsEvent published;
    long arrived;
    long offered;
    long abandoned;

    CallQueue(String id, String name, List<String> teamIds) {
        this.id = id;
        this.name = name;
        this.teamIds = List.copyOf(teamIds);
    }

    Instant oldestArrival() {
        return waiting.isEmpty() ? null : waiting.peekFirst().arrival;
    }

    @Override
    public String toString() {
        return "queue " + id;
    }
}
