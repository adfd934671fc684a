package io.switchboard.health.impl;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** The line a failed component gets in the start-up report. */
public class StartupReportTest {

    @Test
    public void theInnermostCauseWithoutItsClass() {
        String trace = "java.lang.reflect.InvocationTargetException\n\tat x.y(Z.java:1)\n"
                + "Caused by: java.lang.IllegalArgumentException: io.switchboard.eventsource.simulator: agents entry 'a:9' names team 9\n"
                + "\tat a.b(C.java:2)\n";
        assertEquals("io.switchboard.eventsource.simulator: agents entry 'a:9' names team 9", StartupReport.lastCause(trace));
        assertEquals("java.lang.IllegalStateException", StartupReport.lastCause("java.lang.IllegalStateException"));
        assertEquals("failed to start", StartupReport.lastCause(null));
    }
}
