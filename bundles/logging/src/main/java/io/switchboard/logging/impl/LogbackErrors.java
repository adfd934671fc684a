package io.switchboard.logging.impl;

import java.io.PrintStream;
import java.time.Instant;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.status.StatusManager;

/**
 * Logback's own warnings and errors on standard error, as they happen: config/logback.xml that it
 * cannot read when it looks at it again (the parser names the file and line; the last good
 * configuration stays), a log folder it cannot write. Logback keeps them to itself otherwise once
 * it has started. Standard error is logs/switchboard.out under bin/switchboard start, the journal
 * under systemd. Logback's own listeners would print every status of each reading, not only these.
 */
@Component(immediate = true)
public class LogbackErrors implements StatusListener {

    private final StatusManager statuses;
    private final PrintStream out;

    @Activate
    public LogbackErrors() {
        this(Logback.bound().context().getStatusManager(), System.err);
    }

    LogbackErrors(StatusManager statuses, PrintStream out) {
        this.statuses = statuses;
        this.out = out;
        statuses.add(this);
    }

    @Deactivate
    void deactivate() {
        statuses.remove(this);
    }

    @Override
    public void addStatusEvent(Status status) {
        if (status.getLevel() < Status.WARN) {
            return;
        }
        Throwable cause = status.getThrowable();
        out.println(Instant.ofEpochMilli(status.getTimestamp()) + (status.getLevel() == Status.ERROR ? " ERROR" : " WARN ")
                + " Logback: " + status.getMessage() + (cause == null ? "" : " (" + cause + ")"));
    }

    /** Kept when Logback reads its configuration again: that is when the errors come. */
    @Override
    public boolean isResetResistant() {
        return true;
    }
}
