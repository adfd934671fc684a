package io.switchboard.logging.impl;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;

/**
 * Gogo commands for the log while the server runs, in the local and the SSH shell:
 * {@code switchboard:loglevel} shows or changes levels, {@code switchboard:log} prints the last entries.
 */
@Component(service = LogCommands.class, property = {
        "osgi.command.scope=switchboard",
        "osgi.command.function=loglevel",
        "osgi.command.function=log"})
public class LogCommands {

    private static final Logger LOG = LoggerFactory.getLogger(LogCommands.class);
    static final int DEFAULT_ENTRIES = 20;

    /** loglevel: the loggers with a level of their own (config/logback.xml, or set here since). */
    public String loglevel() {
        Map<String, Level> levels = Logback.bound().levels();
        return levels.entrySet().stream().map(level -> String.format("%-50s %s", level.getKey(), level.getValue()))
                .collect(Collectors.joining("\n"))
                + "\n(switchboard:loglevel LOGGER LEVEL changes one until config/logback.xml is next read)";
    }

    /** loglevel LOGGER: its level, and where it comes from. */
    public String loglevel(String logger) {
        Logback logback = Logback.bound();
        Level own = logback.own(logger);
        return logger + " " + logback.effective(logger) + (own == null ? " (inherited)" : "");
    }

    /** loglevel LOGGER LEVEL: sets it (TRACE ... OFF, or INHERIT) until config/logback.xml is next read. */
    public String loglevel(String logger, String level) {
        Level parsed;
        try {
            parsed = Logback.parse(level);
            Logback.bound().set(logger, parsed);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String now = parsed == null ? "the level of its parent" : parsed.toString();
        LOG.info("Level of {} set to {} from the shell, until config/logback.xml is next read", logger, now);
        return loglevel(logger);
    }

    /** log: the last 20 entries. */
    public String log() {
        return log(DEFAULT_ENTRIES);
    }

    /** log COUNT: the last COUNT entries, from every source, at the levels in force. */
    public String log(int count) {
        Logback logback = Logback.bound();
        if (!logback.keepsRecent()) {
            return "No entries kept: config/logback.xml has no appender named " + Logback.RECENT + " on the root logger";
        }
        List<String> lines = logback.recent(Math.max(0, count));
        return String.join("", lines).stripTrailing();
    }
}
