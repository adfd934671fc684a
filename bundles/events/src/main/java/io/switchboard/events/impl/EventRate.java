package io.switchboard.events.impl;

import java.util.function.LongSupplier;

/** Events counted per second over the last ten whole seconds, and in all. */
final class EventRate {

    private static final int SECONDS = 10;

    private final LongSupplier clockMillis;
    private final long[] counts = new long[SECONDS];
    /** The second each slot of {@link #counts} counts. */
    private final long[] seconds = new long[SECONDS];
    private long total;

    EventRate(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    synchronized void count(int events) {
        long second = clockMillis.getAsLong() / 1000;
        int slot = (int) (second % SECONDS);
        if (seconds[slot] != second) { // the slot counted a second that is over ten seconds ago
            seconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot] += events;
        total += events;
    }

    /** Events per second over the ten seconds before the current one. */
    synchronized double perSecond() {
        long now = clockMillis.getAsLong() / 1000;
        long sum = 0;
        for (int slot = 0; slot < SECONDS; slot++) {
            if (seconds[slot] < now && seconds[slot] >= now - SECONDS) {
                sum += counts[slot];
            }
        }
        return sum / (double) SECONDS;
    }

    synchronized long total() {
        return total;
    }
}
