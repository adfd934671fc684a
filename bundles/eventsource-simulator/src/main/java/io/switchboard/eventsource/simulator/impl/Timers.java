package io.switchboard.eventsource.simulator.impl;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * What is due when, in simulated time: the simulation advances by running due timers in order of
 * time (and of scheduling, for equal times), so a run depends only on its seed.
 */
final class Timers {

    private final PriorityQueue<Timer> due = new PriorityQueue<>(
            Comparator.comparing((Timer timer) -> timer.at).thenComparingLong(timer -> timer.sequence));
    private long scheduled;

    Timer at(Instant at, Runnable action) {
        Timer timer = new Timer(at, scheduled++, action);
        due.add(timer);
        return timer;
    }

    /** The next timer due by {@code now}, removed; null when none is. Cancelled timers are skipped. */
    Timer poll(Instant now) {
        while (!due.isEmpty() && !due.peek().at.isAfter(now)) {
            Timer timer = due.poll();
            if (!timer.cancelled) {
                return timer;
            }
        }
        return null;
    }

    int size() {
        return due.size();
    }

    static final class Timer {
        final Instant at;
        final long sequence;
        final Runnable action;
        boolean cancelled;

        private Timer(Instant at, long sequence, Runnable action) {
            this.at = at;
            this.sequence = sequence;
            this.action = action;
        }

        void cancel() {
            cancelled = true;
        }
    }
}
