package io.switchboard.jdbc.health;

import java.sql.SQLException;

import org.apache.felix.hc.api.Result;

import io.switchboard.jdbc.JdbcConnection;

/**
 * A store's Felix health check on its database. In a package of its own so that a bundle that
 * copies in the JDBC code without being a health check (auth-jdbc) does not import the Felix API.
 */
public final class JdbcHealth {

    private JdbcHealth() {
    }

    /**
     * Whether the database answers within the seconds. When it does not, the connection is dropped
     * (one that failed may still look alive), so the next use opens a new one.
     *
     * @param what whose database, for the message (e.g. {@code pubsub})
     */
    public static Result check(JdbcConnection database, String what, int seconds) {
        try {
            database.transaction(connection -> {
                if (!connection.isValid(seconds)) {
                    throw new SQLException("no answer within " + seconds + " seconds");
                }
                return null;
            });
            return new Result(Result.Status.OK, "the " + what + " database at " + database.redactedUrl() + " answers");
        } catch (IllegalStateException e) {
            database.close();
            return new Result(Result.Status.CRITICAL, e.getMessage());
        }
    }
}
