package io.switchboard.core.impl;

import static org.junit.Assert.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class StanzaRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StanzaRate rate = new StanzaRate(10, 5, now::get);

    @Test
    public void aBurstFitsThenTheReaderPausesThenTheClientIsOverTheLimit() {
        for (int i = 0; i < 5; i++) {
            assertEquals("within the burst", 0, rate.take());
        }
        // one beyond the burst: a tenth of a second's pause brings the client back to 10/s
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), rate.take());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(200), rate.take());
        for (int i = 0; i < 3; i++) {
            rate.take();
        }
        // a whole burst ahead although it was slowed down
        assertEquals(StanzaRate.OVER_LIMIT, rate.take());
    }

    @Test
    public void aClientReadOnlyAsFastAsTheRateButAlwaysSendingIsStillOverTheLimit() {
        for (int i = 0; i < 5; i++) {
            rate.take();
        }
        // each element is read only after its pause: the debt never grows, but the client never stops
        for (int i = 0; i < 5; i++) {
            long pause = rate.take();
            assertEquals(TimeUnit.MILLISECONDS.toNanos(100), pause);
            now.addAndGet(pause);
        }
        assertEquals(StanzaRate.OVER_LIMIT, rate.take());
    }

    @Test
    public void aClientThatSlowsDownIsForgiven() {
        for (int i = 0; i < 9; i++) {
            rate.take(); // five fit, four slowed
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals("back within the rate", 0, rate.take());
        for (int i = 0; i < 4; i++) {
            rate.take();
        }
        assertEquals("slowed again, counted from one", TimeUnit.MILLISECONDS.toNanos(100), rate.take());
    }

    @Test
    public void timeRefillsTheBucketUpToTheBurst() {
        for (int i = 0; i < 5; i++) {
            rate.take();
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(60)); // a long quiet spell earns one burst, not 600 stanzas
        for (int i = 0; i < 5; i++) {
            assertEquals(0, rate.take());
        }
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), rate.take());
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertEquals("the pause paid for it", TimeUnit.MILLISECONDS.toNanos(100), rate.take());
    }
}
