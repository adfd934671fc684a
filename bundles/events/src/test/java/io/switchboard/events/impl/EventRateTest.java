package io.switchboard.events.impl;

import static org.junit.Assert.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class EventRateTest {

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final EventRate rate = new EventRate(millis::get);

    @Test
    public void theRateIsOverTheLastTenWholeSeconds() {
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 5; i++) {
                rate.count(1);
            }
            millis.addAndGet(1000);
        }

        assertEquals(5.0, rate.perSecond(), 0.0001);
        assertEquals(50, rate.total());
    }

    @Test
    public void theCurrentSecondIsNotCountedYetAndOldSecondsAreForgotten() {
        rate.count(1);
        assertEquals(0.0, rate.perSecond(), 0.0001);
        millis.addAndGet(1000);
        assertEquals(0.1, rate.perSecond(), 0.0001);
        millis.addAndGet(20_000);
        assertEquals(0.0, rate.perSecond(), 0.0001);
        rate.count(1); // reuses the slot of a second long gone
        millis.addAndGet(1000);
        assertEquals(0.1, rate.perSecond(), 0.0001);
        assertEquals(2, rate.total());
    }
}
