package io.switchboard.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import org.osgi.service.jdbc.DataSourceFactory;

/**
 * One connection to a store's database, used by one transaction at a time and committed before a
 * change returns; a connection that failed is replaced at the next transaction. Enough for a
 * store whose writes are small and whose reads are mostly served from memory.
 */
public final class JdbcConnection implements AutoCloseable {

    /** Work in one transaction. */
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private final DataSource source;
    private final String url;
    private Connection connection; // guarded by this

    /**
     * Opens the database and creates the tables that do not exist yet.
     *
     * @param pid the configuration the URL comes from, named in the error
     * @throws SQLException naming the PID and the URL (never the password) when it cannot be used
     */
    public JdbcConnection(DataSourceFactory factory, String pid, String url, String user, String password, List<String> schema)
            throws SQLException {
        this.url = url;
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, url);
        if (!user.isEmpty()) {
            properties.setProperty(DataSourceFactory.JDBC_USER, user);
            properties.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
        }
        try {
            source = factory.createDataSource(properties);
            transaction(connection -> {
                try (Statement statement = connection.createStatement()) {
                    for (String table : schema) {
                        statement.execute(table);
                    }
                }
                return null;
            });
        } catch (SQLException | IllegalStateException e) {
            throw new SQLException(pid + ": cannot use the database at url " + redacted(url) + ": " + e.getMessage(), e);
        }
    }

    /** The URL without its options, which may carry credentials. */
    public String redactedUrl() {
        return redacted(url);
    }

    /**
     * Runs the work in one transaction and commits it.
     *
     * @throws IllegalStateException naming the database when it failed; the work was rolled back
     */
    public synchronized <T> T transaction(Work<T> work) {
        try {
            if (connection == null || connection.isClosed()) {
                connection = source.getConnection();
                connection.setAutoCommit(false);
            }
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            close(); // perhaps the database went away: reconnect at the next transaction
            throw new IllegalStateException("the database at " + redacted(url) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // gone already
            }
            connection = null;
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

    static String redacted(String url) {
        int options = url.indexOf('?');
        return options < 0 ? url : url.substring(0, options) + "?…";
    }
}
