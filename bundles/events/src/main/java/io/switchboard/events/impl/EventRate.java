package io.switchboard.events.impl;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/** Events counted per second over the last ten whole seconds, and in all; lock-free. */
final class EventRate {

    private static final int SECONDS = 10;

    private final LongSupplier clockMillis;
    private final AtomicLongArray counts = new AtomicLongArray(SECONDS);
    /** The second each slot of {@link #counts} counts. */
    private final AtomicLongArray seconds = new AtomicLongArray(SECONDS);
    private final AtomicLong total = new AtomicLong();

    EventRate(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    void count() {
        long second = clockMillis.getAsLong() / 1000;
        int slot = (int) (second % SECONDS);
        long was = seconds.get(slot);
        if (was != second && seconds.compareAndSet(slot, was, second)) {
            counts.set(slot, 0); // the slot's old second is over ten seconds ago
        }
        counts.incrementAndGet(slot);
        total.incrementAndGet();
    }

    /** Events per second over the ten seconds before the current one. */
    double perSecond() {
        long now = clockMillis.getAsLong() / 1000;
        long sum = 0;
        for (int slot = 0; slot < SECONDS; slot++) {
            long second = seconds.get(slot);
            if (second < now && second >= now - SECONDS) {
                sum += counts.get(slot);
            }
        }
        return sum / (double) SECONDS;
    }

    long total() {
        return total.get();
    }
}
