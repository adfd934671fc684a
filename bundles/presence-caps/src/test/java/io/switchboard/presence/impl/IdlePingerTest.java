package io.switchboard.presence.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.After;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.StreamError;

import io.switchboard.testing.FakeSessionRegistry;
import io.switchboard.testing.MovableClock;
import io.switchboard.testing.RecordingRouter;
import io.switchboard.testing.RecordingSession;
import io.switchboard.testing.Configurations;

/** The idle checks, run by hand against a clock the test sets: 10 s idle, 2 missed pings. */
public class IdlePingerTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final FakeSessionRegistry registry = new FakeSessionRegistry();
    private final RecordingSession desktop = registry.add(new RecordingSession("alice@example.com/desktop"));
    private IdlePinger pinger;

    @After
    public void stop() {
        pinger.deactivate();
    }

    private IdlePinger newPinger(Instant now) {
        return new IdlePinger(registry, new RecordingRouter("example.com"), config(10, 2), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    public void aClientHeardFromRecentlyIsLeftAlone() {
        desktop.lastReceived = START;
        pinger = newPinger(START.plusSeconds(9));
        pinger.check();

        assertTrue(desktop.delivered.isEmpty());
        assertTrue(desktop.closedWith.isEmpty());
    }

    @Test
    public void anIdleClientIsPingedFromTheDomain() {
        desktop.lastReceived = START;
        pinger = newPinger(START.plusSeconds(10));
        pinger.check();

        IQ ping = (IQ) desktop.lastDelivered();
        assertEquals(IQ.Type.get, ping.getType());
        assertEquals("example.com", ping.getFrom().toString());
        assertEquals(desktop.address(), ping.getTo());
        assertEquals("urn:xmpp:ping", ping.getChildElement().getNamespaceURI());
        assertTrue(desktop.closedWith.isEmpty());
    }

    @Test
    public void oneIdlePeriodGetsOnePing() {
        desktop.lastReceived = START;
        MovableClock clock = new MovableClock(START.plusSeconds(10));
        pinger = new IdlePinger(registry, new RecordingRouter("example.com"), config(10, 2), clock);

        pinger.check();
        clock.now = START.plusSeconds(12);
        pinger.check();
        assertEquals("still the first period", 1, desktop.delivered.size());

        clock.now = START.plusSeconds(20);
        pinger.check();
        assertEquals("the next period, the next ping", 2, desktop.delivered.size());

        desktop.lastReceived = START.plusSeconds(21); // the client answered
        clock.now = START.plusSeconds(31);
        pinger.check();
        assertEquals("idle again: pinged again", 3, desktop.delivered.size());
    }

    @Test
    public void aClientSilentThroughEveryPingTimesOut() {
        desktop.lastReceived = START;
        pinger = newPinger(START.plusSeconds(30)); // 10 s idle + 2 missed pings of 10 s
        pinger.check();

        assertEquals(List.of(StreamError.Condition.connection_timeout), desktop.closedWith);
    }

    private static IdlePingConfiguration config(int idleSeconds, int missedPings) {
        return Configurations.of(IdlePingConfiguration.class, "idleSeconds", idleSeconds, "missedPings", missedPings);
    }
}
