package io.switchboard.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * A few connections kept open between uses (an embedded H2 database stays open with them, and a
 * PostgreSQL login is not paid for each use), with a bound on how many are open at once. For short
 * work that must not queue behind other callers', such as logins (each statement auto-committed);
 * a store's transactions go through {@link JdbcConnection}.
 */
public final class ConnectionPool implements AutoCloseable {

    private final DataSource source;
    private final int timeoutSeconds;
    private final Semaphore permits;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    /** @param timeoutSeconds the longest wait for a free connection, and for a kept one to prove it is alive */
    public ConnectionPool(DataSource source, int size, int timeoutSeconds) {
        this.source = source;
        this.timeoutSeconds = timeoutSeconds;
        this.permits = new Semaphore(size);
    }

    /** Runs the work on a pooled connection; a connection that failed is closed, not kept. */
    public <T> T with(JdbcConnection.Work<T> work) throws SQLException {
        try {
            if (!permits.tryAcquire(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new SQLTimeoutException("no free database connection within " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        try {
            Connection connection = borrow();
            boolean healthy = false;
            try {
                T result = work.on(connection);
                healthy = true;
                return result;
            } finally {
                release(connection, healthy);
            }
        } finally {
            permits.release();
        }
    }

    private Connection borrow() throws SQLException {
        Connection connection;
        while ((connection = poll()) != null) {
            if (connection.isValid(timeoutSeconds)) {
                return connection;
            }
            closeQuietly(connection); // the server closed it, or restarted
        }
        return source.getConnection();
    }

    private synchronized Connection poll() throws SQLException {
        if (closed) {
            throw new SQLException("the connection pool is closed");
        }
        return idle.poll();
    }

    private void release(Connection connection, boolean healthy) {
        synchronized (this) {
            if (healthy && !closed) {
                idle.push(connection);
                return;
            }
        }
        closeQuietly(connection);
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(ConnectionPool::closeQuietly);
        idle.clear();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // gone already
        }
    }
}
