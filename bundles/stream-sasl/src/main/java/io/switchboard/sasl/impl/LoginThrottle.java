package io.switchboard.sasl.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brute force, slowed per account: after {@code maxFailures} failed logins in a row the account is
 * locked for {@code lockout}, whatever connection the attempts come from. Sessions already logged
 * in are not touched; a success ends the count.
 */
final class LoginThrottle {

    private record Failures(int count, Instant lockedUntil) {
    }

    /** Beyond this many accounts with failures, start over: a bound on what random names can cost. */
    private static final int MAX_TRACKED = 100_000;

    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> byUser = new ConcurrentHashMap<>();

    LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    boolean isLocked(String user) {
        Failures failures = byUser.get(user);
        return failures != null && failures.lockedUntil() != null && clock.instant().isBefore(failures.lockedUntil());
    }

    void failed(String user) {
        if (byUser.size() > MAX_TRACKED) {
            byUser.clear();
        }
        byUser.compute(user, (name, failures) -> {
            int count = failures == null || failures.lockedUntil() != null && !isLockedAt(failures) ? 1 : failures.count() + 1;
            return new Failures(count, count >= maxFailures ? clock.instant().plus(lockout) : null);
        });
    }

    void succeeded(String user) {
        byUser.remove(user);
    }

    private boolean isLockedAt(Failures failures) {
        return clock.instant().isBefore(failures.lockedUntil());
    }
}
