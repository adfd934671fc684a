package io.switchboard.logging.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Before;
import org.junit.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.CyclicBufferAppender;

public class LogbackTest {

    private final LoggerContext context = new LoggerContext();
    private final Logback logback = new Logback(context);
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    @Before
    public void aRecentAppenderOnTheRoot() {
        root.setLevel(Level.INFO);
        CyclicBufferAppender<ILoggingEvent> recent = new CyclicBufferAppender<>();
        recent.setName(Logback.RECENT);
        recent.setMaxSize(3);
        recent.setContext(context);
        recent.start();
        root.addAppender(recent);
    }

    @Test
    public void aLevelSetHereHoldsForTheLoggerAndItsChildrenUntilInheritedAgain() {
        logback.set("io.switchboard.core", Logback.parse("debug"));
        assertEquals(Level.DEBUG, logback.effective("io.switchboard.core.impl.ClientStream"));
        assertEquals(Level.DEBUG, logback.own("io.switchboard.core"));
        assertEquals(List.of("ROOT", "io.switchboard.core"), List.copyOf(logback.levels().keySet()));

        logback.set("io.switchboard.core", Logback.parse("INHERIT"));
        assertNull(logback.own("io.switchboard.core"));
        assertEquals(Level.INFO, logback.effective("io.switchboard.core.impl.ClientStream"));
    }

    @Test
    public void aTypoIsNoLevelRatherThanDebug() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> Logback.parse("DEBGU"));
        assertTrue(wrong.getMessage(), wrong.getMessage().contains("Not a level: DEBGU"));
        assertThrows(IllegalArgumentException.class, () -> logback.set("ROOT", null));
    }

    @Test
    public void recentGivesTheLastEntriesOldestFirstAtTheLevelsInForce() {
        Logger logger = context.getLogger("io.switchboard.test");
        logger.debug("not kept: below INFO");
        for (int i = 1; i <= 4; i++) {
            logger.info("entry {}", i);
        }
        List<String> lines = logback.recent(2);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0), lines.get(0).contains("INFO  [main] io.switchboard.test - entry 3"));
        assertTrue(lines.get(1), lines.get(1).endsWith("entry 4\n"));
        assertEquals("the buffer keeps 3", 3, logback.recent(10).size());
    }

    @Test
    public void withoutTheRecentAppenderThereIsNothingToShow() {
        root.detachAppender(Logback.RECENT);
        assertFalse(logback.keepsRecent());
        assertEquals(List.of(), logback.recent(5));
    }
}
