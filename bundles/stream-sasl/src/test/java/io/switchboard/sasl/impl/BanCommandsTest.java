package io.switchboard.sasl.impl;

import static org.junit.Assert.assertEquals;

import java.time.Instant;

import org.junit.Test;

import io.switchboard.testing.MovableClock;

public class BanCommandsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginProtection guard = new LoginProtection(Configs.protection("maxFailuresPerAddress", 3,
            "maxFailuresPerAddressAndAccount", 2, "banSeconds", 60), clock);
    private final BanCommands commands = new BanCommands(guard, clock);

    @Test
    public void bansListsEachBanAndUnbanLiftsAnAddresssBans() {
        assertEquals("No bans", commands.bans());
        for (int i = 0; i < 3; i++) {
            guard.failed("192.0.2.7", null);
        }
        guard.failed("192.0.2.8", "alice");
        guard.failed("192.0.2.8", "alice");
        clock.now = clock.now.plusSeconds(10);

        assertEquals("192.0.2.7  all accounts  until 2026-01-01T00:01:00Z  50 s left  3 failures\n"
                + "192.0.2.8  account alice  until 2026-01-01T00:01:00Z  50 s left  2 failures", commands.bans());
        assertEquals("Lifted the bans of 192.0.2.8", commands.unban("192.0.2.8"));
        assertEquals("No ban of 192.0.2.8", commands.unban("192.0.2.8"));
        assertEquals("192.0.2.7  all accounts  until 2026-01-01T00:01:00Z  50 s left  3 failures", commands.bans());
    }
}
