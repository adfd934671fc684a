package io.switchboard.eventsource.http.impl;

import java.util.function.LongSupplier;

/** Requests allowed at a steady rate after a burst. */
final class TokenBucket {

    private final double perNano;
    private final double capacity;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, int burst, LongSupplier nanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("the rate must be above 0 and the burst at least 1");
        }
        this.perNano = perSecond / 1e9;
        this.capacity = burst;
        this.nanos = nanos;
        this.tokens = burst;
        this.last = nanos.getAsLong();
    }

    /** Takes one request's token; false when none is left. */
    synchronized boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whole seconds until the next token, at least 1 (for Retry-After). */
    synchronized long secondsToWait() {
        refill();
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
    }

    private void refill() {
        long now = nanos.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }
}
