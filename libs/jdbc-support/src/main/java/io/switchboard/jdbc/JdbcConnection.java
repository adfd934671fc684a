package io.switchboard.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.osgi.service.jdbc.DataSourceFactory;

/**
 * One connection to a store's database, whose changes are durable before they return. Changes
 * that arrive while another commit is under way are committed together (group commit): the first
 * caller to get the connection runs every waiting change in one transaction, each behind a
 * savepoint so that one that fails is rolled back alone, and commits once for all of them. A
 * connection that failed is replaced at the next transaction.
 */
public final class JdbcConnection implements AutoCloseable {

    /** Work in one transaction. */
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** A caller's work and, once its batch is committed, its outcome. */
    private static final class Pending<T> {
        final Work<T> work;
        T result;
        Exception failure;
        boolean done;

        Pending(Work<T> work) {
            this.work = work;
        }
    }

    private final DataSource source;
    private final String redactedUrl; // all that is said of where the database is
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<Pending<?>> waiting = new ConcurrentLinkedQueue<>();
    private Connection connection; // guarded by lock

    /**
     * Opens the database and prepares it.
     *
     * @param setup run once in a transaction of its own: creates or migrates the tables
     * @throws SQLException naming the PID and the URL (never the password) when it cannot be used
     */
    public JdbcConnection(DataSourceFactory factory, JdbcSettings settings, Work<?> setup) throws SQLException {
        this.redactedUrl = settings.redactedUrl();
        try {
            source = settings.dataSource(factory);
            transaction(setup);
        } catch (SQLException | IllegalStateException e) {
            throw new SQLException(settings.pid() + ": cannot use the database at url " + redactedUrl + ": " + e.getMessage(), e);
        }
    }

    /** A setup that creates the tables that do not exist yet. */
    public static Work<Void> schema(List<String> statements) {
        return connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            return null;
        };
    }

    /** The URL without its options, which may carry credentials. */
    public String redactedUrl() {
        return redactedUrl;
    }

    /**
     * Runs the work in a transaction, possibly shared with other callers' work, and returns once
     * it is committed.
     *
     * @throws IllegalStateException naming the database when the work or the commit failed;
     *         nothing of the work remains
     */
    @SuppressWarnings("unchecked")
    public <T> T transaction(Work<T> work) {
        Pending<T> pending = new Pending<>(work);
        waiting.add(pending);
        lock.lock();
        try {
            if (!pending.done) {
                commitWaiting(); // ours and whatever queued behind the last commit
            }
        } finally {
            lock.unlock();
        }
        if (pending.failure != null) {
            throw new IllegalStateException("the database at " + redactedUrl + " failed: " + pending.failure.getMessage(),
                    pending.failure);
        }
        return pending.result;
    }

    /** How many changes wait for the connection now. */
    int queued() {
        return waiting.size();
    }

    private void commitWaiting() {
        List<Pending<?>> batch = new ArrayList<>();
        for (Pending<?> next = waiting.poll(); next != null; next = waiting.poll()) {
            batch.add(next);
        }
        try {
            if (connection == null || connection.isClosed()) {
                connection = source.getConnection();
                connection.setAutoCommit(false);
            }
            if (batch.size() == 1) { // alone: no savepoint needed
                if (run(batch.get(0))) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return;
            }
            for (Pending<?> pending : batch) {
                Savepoint savepoint = connection.setSavepoint();
                if (run(pending)) {
                    connection.releaseSavepoint(savepoint);
                } else {
                    connection.rollback(savepoint);
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                if (connection != null) {
                    connection.rollback();
                }
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            close(); // perhaps the database went away: reconnect at the next transaction
            batch.forEach(pending -> pending.failure = pending.failure == null ? e : pending.failure);
        } finally {
            batch.forEach(pending -> pending.done = true);
        }
    }

    /** Runs one caller's work; false (with its failure kept) when it failed. */
    private <T> boolean run(Pending<T> pending) {
        try {
            pending.result = pending.work.on(connection);
            return true;
        } catch (SQLException | RuntimeException e) {
            pending.failure = e;
            return false;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // gone already
                }
                connection = null;
            }
        } finally {
            lock.unlock();
        }
    }

    public static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        }
    }

    /** A statement with its parameters set; a null parameter is a null string. */
    public static PreparedStatement prepare(Connection connection, String sql, Object... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, values[i]);
            }
        }
        return statement;
    }
}
