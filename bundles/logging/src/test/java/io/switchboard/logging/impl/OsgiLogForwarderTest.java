package io.switchboard.logging.impl;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

public class OsgiLogForwarderTest {

    private final Logger events = Logback.bound().context().getLogger("Events.Bundle.test");
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();
    private final Reader reader = new Reader();

    @Before
    public void listen() {
        written.setContext(events.getLoggerContext());
        written.start();
        events.addAppender(written);
        events.setLevel(Level.INFO);
    }

    @After
    public void stopListening() {
        events.detachAppender(written);
        events.setLevel(null);
    }

    @Test
    public void theHistoryIsReplayedOnceOldestFirstThenLiveEntriesFollowAtTheLevelsOfLogback() {
        reader.history.add(entry(2, LogLevel.INFO, "BundleEvent STARTED"));
        reader.history.add(entry(1, LogLevel.INFO, "BundleEvent INSTALLED"));
        OsgiLogForwarder forwarder = new OsgiLogForwarder(reader);

        reader.listener.logged(entry(2, LogLevel.INFO, "BundleEvent STARTED")); // already replayed
        reader.listener.logged(entry(3, LogLevel.DEBUG, "below the level"));
        reader.listener.logged(entry(4, LogLevel.WARN, "FrameworkEvent WARNING"));

        assertEquals(List.of("BundleEvent INSTALLED", "BundleEvent STARTED", "FrameworkEvent WARNING"),
                written.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        ILoggingEvent first = written.list.get(0);
        assertEquals("Events.Bundle.test", first.getLoggerName());
        assertEquals("its own time and thread", 1001, first.getTimeStamp());
        assertEquals("thread-1", first.getThreadName());
        forwarder.deactivate();
        assertEquals(null, reader.listener);
    }

    private static LogEntry entry(long sequence, LogLevel level, String message) {
        return new LogEntry() {
            @Override public Bundle getBundle() { return null; }
            @Override public ServiceReference<?> getServiceReference() { return null; }
            @Override @SuppressWarnings("deprecation") public int getLevel() { return level.ordinal(); }
            @Override public String getMessage() { return message; }
            @Override public Throwable getException() { return null; }
            @Override public long getTime() { return 1000 + sequence; }
            @Override public LogLevel getLogLevel() { return level; }
            @Override public String getLoggerName() { return "Events.Bundle.test"; }
            @Override public long getSequence() { return sequence; }
            @Override public String getThreadInfo() { return "thread-" + sequence; }
            @Override public StackTraceElement getLocation() { return null; }
        };
    }

    /** The Log Service's reader: its history newest first, as the specification has it, and one listener. */
    private static final class Reader implements LogReaderService {
        final List<LogEntry> history = new ArrayList<>();
        LogListener listener;

        @Override public void addLogListener(LogListener added) { listener = added; }
        @Override public void removeLogListener(LogListener removed) { listener = null; }
        @Override public Enumeration<LogEntry> getLog() { return Collections.enumeration(history); }
    }
}
