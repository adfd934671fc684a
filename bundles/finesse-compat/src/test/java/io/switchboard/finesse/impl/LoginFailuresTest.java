package io.switchboard.finesse.impl;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;

import org.junit.Test;

import io.switchboard.testing.MovableClock;

/** Failed HTTP logins in a row lock the user for a while; a success clears them. */
public class LoginFailuresTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginFailures failures = new LoginFailures(clock);

    @Test
    public void fiveFailuresLockForFiveMinutes() {
        for (int i = 0; i < LoginFailures.MAX_FAILURES - 1; i++) {
            failures.failed("agent1");
        }
        assertFalse(failures.locked("agent1"));
        failures.failed("agent1");
        assertTrue(failures.locked("agent1"));
        assertFalse("others are not touched", failures.locked("agent2"));
        clock.now = clock.now.plus(LoginFailures.LOCKOUT);
        assertFalse(failures.locked("agent1"));
        failures.failed("agent1");
        assertFalse("counting starts again after a lockout", failures.locked("agent1"));
    }

    @Test
    public void aSuccessClearsTheCount() {
        for (int i = 0; i < LoginFailures.MAX_FAILURES - 1; i++) {
            failures.failed("agent1");
        }
        failures.succeeded("agent1");
        failures.failed("agent1");
        assertFalse(failures.locked("agent1"));
    }
}
