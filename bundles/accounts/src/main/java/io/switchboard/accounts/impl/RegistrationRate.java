package io.switchboard.accounts.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * How many account creations each address tried in the last hour: a sliding window per address,
 * whose old entries go at each call, so that the map never outgrows the addresses of one hour.
 */
final class RegistrationRate {

    static final Duration WINDOW = Duration.ofHours(1);

    private final int perWindow;
    private final Clock clock;
    private final Map<String, Deque<Instant>> tries = new HashMap<>();

    RegistrationRate(int perWindow, Clock clock) {
        this.perWindow = Math.max(1, perWindow);
        this.clock = clock;
    }

    /** Counts a try from this address; false when it is one too many. */
    synchronized boolean tryAcquire(String address) {
        Instant now = clock.instant();
        Instant oldest = now.minus(WINDOW);
        for (Iterator<Deque<Instant>> all = tries.values().iterator(); all.hasNext();) {
            Deque<Instant> times = all.next();
            while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
                times.removeFirst();
            }
            if (times.isEmpty()) {
                all.remove();
            }
        }
        Deque<Instant> times = tries.computeIfAbsent(address, key -> new ArrayDeque<>());
        if (times.size() >= perWindow) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
