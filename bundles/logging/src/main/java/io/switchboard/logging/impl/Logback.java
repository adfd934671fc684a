package io.switchboard.logging.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.CyclicBufferAppender;

/**
 * Logback as it runs: the levels of its loggers, and the last entries its {@code RECENT} appender
 * (config/logback.xml) keeps. Levels set here last until Logback next reads its configuration file.
 */
final class Logback {

    /** The name of the in-memory appender in config/logback.xml. */
    static final String RECENT = "RECENT";
    static final String LEVELS = "TRACE, DEBUG, INFO, WARN, ERROR, OFF, or INHERIT (the parent's)";
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

    private final LoggerContext context;

    Logback(LoggerContext context) {
        this.context = context;
    }

    /** The Logback that SLF4J is bound to in this framework. */
    static Logback bound() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("SLF4J logs through " + factory.getClass().getName() + ", not Logback");
        }
        return new Logback(context);
    }

    LoggerContext context() {
        return context;
    }

    /** The loggers that have a level of their own: the root first, then by name. */
    Map<String, Level> levels() {
        Map<String, Level> levels = new LinkedHashMap<>();
        context.getLoggerList().stream()
                .filter(logger -> logger.getLevel() != null)
                .sorted(Comparator.comparing((Logger logger) -> !logger.getName().equals(Logger.ROOT_LOGGER_NAME))
                        .thenComparing(Logger::getName))
                .forEach(logger -> levels.put(logger.getName(), logger.getLevel()));
        return levels;
    }

    /** The logger's own level, or null when it takes its parent's. */
    Level own(String logger) {
        Logger existing = context.exists(logger);
        return existing == null ? null : existing.getLevel();
    }

    Level effective(String logger) {
        return context.getLogger(logger).getEffectiveLevel();
    }

    /** Gives the logger a level of its own, or (null) lets it take its parent's again. */
    void set(String logger, Level level) {
        if (level == null && Logger.ROOT_LOGGER_NAME.equalsIgnoreCase(logger)) {
            throw new IllegalArgumentException("The root logger has no parent to inherit from");
        }
        context.getLogger(logger).setLevel(level);
    }

    /**
     * A level by its name, any case; null for INHERIT. Logback's own parser turns an unknown name
     * into DEBUG, which would quietly flood the log after a typo.
     */
    static Level parse(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("INHERIT") || upper.equals("NULL")) {
            return null;
        }
        Level level = Level.toLevel(upper, null);
        if (level == null || level == Level.ALL) {
            throw new IllegalArgumentException("Not a level: " + name + "; the levels are " + LEVELS);
        }
        return level;
    }

    /** The last entries (at most count), oldest first, or empty when config/logback.xml has no RECENT appender. */
    List<String> recent(int count) {
        Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(RECENT);
        if (!(appender instanceof CyclicBufferAppender<ILoggingEvent> buffer)) {
            return List.of();
        }
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        // the buffer may drop its oldest entries meanwhile: index from the end, and skip a gone one
        int length = buffer.getLength();
        List<String> lines = new ArrayList<>();
        for (int i = Math.max(0, length - count); i < length; i++) {
            ILoggingEvent event = buffer.get(i);
            if (event != null) {
                lines.add(layout.doLayout(event));
            }
        }
        return lines;
    }

    /** Whether config/logback.xml keeps the last entries in memory (its RECENT appender). */
    boolean keepsRecent() {
        return context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(RECENT) instanceof CyclicBufferAppender;
    }
}
