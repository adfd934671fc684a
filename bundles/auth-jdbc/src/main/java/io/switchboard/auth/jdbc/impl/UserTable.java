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

import io.switchboard.credentials.SaltedCredential;
import io.switchboard.credentials.UserCredentials;

/**
 * The users table: a user name and one encoded salted credential per SCRAM hash (the users file's
 * format), never a password. Table and column names come from configuration and go into SQL text,
 * so only plain identifiers are accepted; values always go in as parameters.
 */
final class UserTable {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern TABLE = Pattern.compile(IDENTIFIER.pattern() + "(\\." + IDENTIFIER.pattern() + ")?");

    private final String create;
    private final String select;
    private final String insert;
    private final String update;
    private final String delete;
    private final String list;

    /** @throws IllegalArgumentException naming the configuration key whose value is not an identifier */
    UserTable(String table, String username, String sha256, String sha1) {
        check("table", table, TABLE);
        check("usernameColumn", username, IDENTIFIER);
        check("scramSha256Column", sha256, IDENTIFIER);
        check("scramSha1Column", sha1, IDENTIFIER);
        create = "CREATE TABLE IF NOT EXISTS " + table + " (" + username + " VARCHAR(1023) NOT NULL PRIMARY KEY, "
                + sha256 + " VARCHAR(255), " + sha1 + " VARCHAR(255))";
        select = "SELECT " + sha256 + ", " + sha1 + " FROM " + table + " WHERE " + username + " = ?";
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
        }
    }

    /**
     * The user's credentials, if the user has a row.
     *
     * @throws IllegalArgumentException when the stored text is no credential
     */
    Optional<UserCredentials> find(Connection connection, String user, int timeoutSeconds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, user);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(UserCredentials.decode(row.getString(1), row.getString(2))) : Optional.empty();
            }
        }
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
