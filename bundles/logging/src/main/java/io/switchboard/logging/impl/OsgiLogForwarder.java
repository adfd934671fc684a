package io.switchboard.logging.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;

/**
 * Hands the OSGi Log Service's entries (Declarative Services, Config Admin, FileInstall, the
 * framework's bundle, service and framework events) to Logback, under their OSGi logger names
 * (Events.Bundle.&lt;bundle&gt;, LogService.&lt;bundle&gt;, ...), at the levels of config/logback.xml,
 * with their own time and thread.
 * <p>
 * Apache Felix Logback (1.0.6, its latest) does this for Logback 1.2 only: it builds Logback events
 * without their LoggerContext, which Logback 1.3 and later need, so every appender failed on them.
 * <p>
 * This bundle starts after the Log Service: what it logged before is replayed from its history
 * (org.apache.felix.log.maxSize entries), oldest first.
 */
@Component(immediate = true)
public class OsgiLogForwarder implements LogListener {

    private final LogReaderService reader;
    private final LoggerContext context;
    /** Entries up to this sequence number were replayed from the history: skipped when they come live too. */
    private long replayed = -1;

    @Activate
    public OsgiLogForwarder(@Reference LogReaderService reader) {
        this.reader = reader;
        this.context = Logback.bound().context();
        synchronized (this) {
            reader.addLogListener(this);
            List<LogEntry> history = new ArrayList<>();
            for (Enumeration<LogEntry> entries = reader.getLog(); entries.hasMoreElements();) {
                history.add(entries.nextElement());
            }
            history.sort(Comparator.comparingLong(LogEntry::getSequence));
            history.forEach(this::forward);
            replayed = history.isEmpty() ? -1 : history.get(history.size() - 1).getSequence();
        }
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public synchronized void logged(LogEntry entry) {
        if (entry.getSequence() > replayed) {
            forward(entry);
        }
    }

    private void forward(LogEntry entry) {
        Logger logger = context.getLogger(entry.getLoggerName());
        Level level = level(entry);
        if (!logger.isEnabledFor(level)) {
            return;
        }
        LoggingEvent event = new LoggingEvent();
        event.setLoggerContext(context);
        event.setLoggerName(logger.getName());
        event.setLevel(level);
        event.setMessage(entry.getServiceReference() == null || entry.getLoggerName().startsWith("Events.Service")
                ? entry.getMessage() : entry.getMessage() + " " + entry.getServiceReference());
        event.setThreadName(entry.getThreadInfo());
        event.setTimeStamp(entry.getTime());
        if (entry.getException() != null) {
            event.setThrowableProxy(new ThrowableProxy(entry.getException()));
        }
        logger.callAppenders(event);
    }

    /** AUDIT entries are meant to be kept whatever the level: as ERROR, which no level below OFF hides. */
    private static Level level(LogEntry entry) {
        return switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> Level.ERROR;
            case WARN -> Level.WARN;
            case INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
            case TRACE -> Level.TRACE;
        };
    }
}
