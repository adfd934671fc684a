package io.switchboard.core.impl;

import java.util.function.LongSupplier;

/**
 * A token bucket over the elements one client sends: {@code burst} at once, then
 * {@code perSecond}. Each element either fits, or says how long to stop reading so that the client
 * falls back to the rate; a client that needs slowing down for more than a burst's worth of
 * elements in a row (it keeps sending faster, however it is read) is over the limit. One per
 * stream, used under the stream's lock.
 */
final class StanzaRate {

    /** What to do with the element just received. */
    static final long OVER_LIMIT = -1;

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;
    private int slowedInARow;

    StanzaRate(int perSecond, int burst, LongSupplier nanoClock) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /**
     * Takes one element: 0 when it fits, the nanoseconds to pause reading when the client is ahead
     * of the rate, or {@link #OVER_LIMIT} when it is a burst beyond that.
     */
    long take() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        tokens -= 1;
        if (tokens >= 0) {
            slowedInARow = 0;
            return 0;
        }
        if (++slowedInARow > burst) {
            return OVER_LIMIT;
        }
        return (long) Math.ceil(-tokens / perNano);
    }
}
