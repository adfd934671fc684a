package io.switchboard.auth.jdbc.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the users table holds, read with plain SQL: the same check on every database. */
final class StoredUsers {

    private StoredUsers() {
    }

    /** The table holds this one user, with salted SCRAM credentials and never the password. */
    static void assertOnlyUserWithSaltedCredentials(Connection connection, String user, String password) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT username, scram_sha_256, scram_sha_1 FROM switchboard_users")) {
            assertTrue(row.next());
            assertEquals(user, row.getString(1));
            assertTrue(row.getString(2), row.getString(2).startsWith("scram-sha-256:4096:"));
            assertTrue(row.getString(3), row.getString(3).startsWith("scram-sha-1:4096:"));
            assertFalse(row.getString(2).contains(password) || row.getString(3).contains(password));
            assertFalse(row.next());
        }
    }
}
