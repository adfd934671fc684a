package io.switchboard.finesse.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed HTTP logins in a row per user: after {@link #MAX_FAILURES} the user is refused for the
 * lockout time whatever the password, as SASL does for XMPP logins, so that HTTP Basic is no way
 * around SASL's lockout. Only users that exist are counted, so the map cannot be filled with names.
 */
final class LoginFailures {

    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(5);

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Failures> byUser = new ConcurrentHashMap<>();

    LoginFailures(Clock clock) {
        this.clock = clock;
    }

    boolean locked(String user) {
        Failures failures = byUser.get(user);
        return failures != null && failures.lockedUntil() != null && clock.instant().isBefore(failures.lockedUntil());
    }

    void failed(String user) {
        byUser.compute(user, (name, failures) -> {
            int count = (failures == null || failures.lockedUntil() != null ? 0 : failures.count()) + 1;
            return count >= MAX_FAILURES ? new Failures(count, clock.instant().plus(LOCKOUT)) : new Failures(count, null);
        });
    }

    void succeeded(String user) {
        byUser.remove(user);
    }
}
