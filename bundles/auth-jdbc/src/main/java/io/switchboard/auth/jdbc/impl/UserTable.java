package io.switchboard.auth.jdbc.impl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.credentials.SaltedCredential;
import io.switchboard.credentials.UserCredentials;

/**
 * The users table: a user name, one encoded salted credential per SCRAM hash (the users file's
 * format), never a password, and whether the account is disabled (a column that may be left out
 * of the configuration, or missing from a table made by hand: then no account is disabled, and
 * none can be). Table and column names come from configuration and go into SQL text,
 * so only plain identifiers are accepted; values always go in as parameters.
 */
final class UserTable {

    private static final Logger LOG = LoggerFactory.getLogger(UserTable.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern TABLE = Pattern.compile(IDENTIFIER.pattern() + "(\\." + IDENTIFIER.pattern() + ")?");

    private final String create;
    private final String select;
    private final String selectWithoutDisabled;
    private final String probeDisabled;
    private final String probeTable;
    private final String disabledColumn;
    /** Whether the table has the disabled column: null until known. */
    private volatile Boolean hasDisabled;
    private final String insert;
    private final String update;
    private final String delete;
    private final String list;
    /** Null without a disabled column. */
    private final String addDisabled;
    private final String disable;

    /**
     * @param disabled the disabled column's name; empty for none
     * @throws IllegalArgumentException naming the configuration key whose value is not an identifier
     */
    UserTable(String table, String username, String sha256, String sha1, String disabled) {
        check("table", table, TABLE);
        check("usernameColumn", username, IDENTIFIER);
        check("scramSha256Column", sha256, IDENTIFIER);
        check("scramSha1Column", sha1, IDENTIFIER);
        boolean withDisabled = !disabled.isEmpty();
        if (withDisabled) {
            check("disabledColumn", disabled, IDENTIFIER);
        }
        create = "CREATE TABLE IF NOT EXISTS " + table + " (" + username + " VARCHAR(1023) NOT NULL PRIMARY KEY, "
                + sha256 + " VARCHAR(255), " + sha1 + " VARCHAR(255)"
                + (withDisabled ? ", " + disabled + " BOOLEAN DEFAULT FALSE NOT NULL" : "") + ")";
        // a table made before the column existed gets it (H2 and PostgreSQL both know IF NOT EXISTS here)
        addDisabled = withDisabled
                ? "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + disabled + " BOOLEAN DEFAULT FALSE NOT NULL" : null;
        disable = withDisabled ? "UPDATE " + table + " SET " + disabled + " = ? WHERE " + username + " = ?" : null;
        select = "SELECT " + sha256 + ", " + sha1 + ", " + (withDisabled ? disabled : "FALSE") + " FROM " + table
                + " WHERE " + username + " = ?";
        selectWithoutDisabled = "SELECT " + sha256 + ", " + sha1 + ", FALSE FROM " + table + " WHERE " + username + " = ?";
        probeDisabled = withDisabled ? "SELECT " + disabled + " FROM " + table + " WHERE 1 = 0" : null;
        probeTable = "SELECT " + username + " FROM " + table + " WHERE 1 = 0";
        disabledColumn = disabled;
        hasDisabled = withDisabled ? null : Boolean.FALSE;
        insert = "INSERT INTO " + table + " (" + sha256 + ", " + sha1 + ", " + username + ") VALUES (?, ?, ?)";
        update = "UPDATE " + table + " SET " + sha256 + " = ?, " + sha1 + " = ? WHERE " + username + " = ?";
        delete = "DELETE FROM " + table + " WHERE " + username + " = ?";
        list = "SELECT " + username + " FROM " + table + " ORDER BY " + username;
    }

    private static void check(String key, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("io.switchboard.auth.jdbc: '" + key + "' = '" + value
                    + "' is not a plain SQL name (letters, digits and _, not starting with a digit)");
        }
    }

    void create(Connection connection, int timeoutSeconds) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.execute(create);
            if (addDisabled != null) {
                statement.execute(addDisabled);
            }
        }
    }

    /**
     * The user's credentials, if the user has a row.
     *
     * @throws IllegalArgumentException when the stored text is no credential
     */
    Optional<StoredUser> find(Connection connection, String user, int timeoutSeconds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                hasDisabled(connection, timeoutSeconds) ? select : selectWithoutDisabled)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, user);
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? Optional.of(new StoredUser(UserCredentials.decode(row.getString(1), row.getString(2)), row.getBoolean(3)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Whether the table has the disabled column, asked once: a table a DBA made before the column
     * existed still serves logins, with no account disabled.
     *
     * @throws SQLException when the table itself cannot be read (missing, or the database is away)
     */
    boolean hasDisabled(Connection connection, int timeoutSeconds) throws SQLException {
        Boolean known = hasDisabled;
        if (known != null) {
            return known;
        }
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.executeQuery(probeDisabled).close();
            hasDisabled = Boolean.TRUE;
            return true;
        } catch (SQLException noColumn) {
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(timeoutSeconds);
                statement.executeQuery(probeTable).close(); // throws when the table is the problem
            }
            LOG.warn("io.switchboard.auth.jdbc: the users table has no column '{}' (key 'disabledColumn'): no account "
                    + "is disabled, and none can be until a BOOLEAN column of that name is added", disabledColumn);
            hasDisabled = Boolean.FALSE;
            return false;
        }
    }

    /**
     * Disables or enables the user; false when there is no such user.
     *
     * @throws IllegalStateException when the table has no disabled column
     */
    boolean disable(Connection connection, String user, boolean disabled, int timeoutSeconds) throws SQLException {
        if (!hasDisabled(connection, timeoutSeconds)) {
            throw new IllegalStateException("the users table has no column '" + disabledColumn + "' (key 'disabledColumn')");
        }
        try (PreparedStatement statement = connection.prepareStatement(disable)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setBoolean(1, disabled);
            statement.setString(2, user);
            return statement.executeUpdate() == 1;
        }
    }

    /** A row: the credentials, and whether the account is disabled. */
    record StoredUser(UserCredentials credentials, boolean disabled) {
    }

    /** Adds the user; false when there is one of that name already. */
    boolean insert(Connection connection, String user, UserCredentials credentials, int timeoutSeconds) throws SQLException {
        if (find(connection, user, timeoutSeconds).isPresent()) {
            return false;
        }
        return write(connection, insert, user, credentials, timeoutSeconds) == 1;
    }

    /** Changes the user's credentials; false when there is no such user. */
    boolean update(Connection connection, String user, UserCredentials credentials, int timeoutSeconds) throws SQLException {
        return write(connection, update, user, credentials, timeoutSeconds) == 1;
    }

    boolean delete(Connection connection, String user, int timeoutSeconds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(delete)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, user);
            return statement.executeUpdate() == 1;
        }
    }

    List<String> list(Connection connection, int timeoutSeconds) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            List<String> users = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(list)) {
                while (rows.next()) {
                    users.add(rows.getString(1));
                }
            }
            return users;
        }
    }

    /** Both statements take the credentials first and the user last. */
    private static int write(Connection connection, String sql, String user, UserCredentials credentials,
            int timeoutSeconds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, credentials.get(SaltedCredential.Algorithm.SHA_256).map(SaltedCredential::encode).orElse(null));
            statement.setString(2, credentials.get(SaltedCredential.Algorithm.SHA_1).map(SaltedCredential::encode).orElse(null));
            statement.setString(3, user);
            return statement.executeUpdate();
        }
    }
}
