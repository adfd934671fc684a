package io.switchboard.jdbc;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * An online copy of a store's database, made through the store's own connection: an embedded H2
 * database is copied with H2's {@code BACKUP TO}, which writes one committed state of its file
 * into a zip while the store goes on working (H2's MVStore never overwrites live pages). A
 * database on a server (PostgreSQL, H2 over TCP) is its administrator's to back up with its own
 * tools; an in-memory one has nothing to keep.
 */
public final class DatabaseBackup {

    private DatabaseBackup() {
    }

    /** Runs one SQL statement on the store's own connection. */
    public interface Statements {
        void execute(String sql) throws SQLException;
    }

    /** Backs up a store that keeps one connection (see {@link #backupThrough}). */
    public static String backup(JdbcConnection database, JdbcSettings settings, Path folder, String name) throws IOException {
        return backupThrough(sql -> {
            try {
                database.transaction(connection -> execute(connection, sql));
            } catch (IllegalStateException e) {
                throw new SQLException(e.getMessage(), e);
            }
        }, settings, folder, name);
    }

    /**
     * Backs the database up to {@code folder/name.zip} when it is an embedded H2 file.
     *
     * @return one line: what was written, or why nothing was
     * @throws IOException naming the database when H2 could not write the copy
     */
    public static String backupThrough(Statements statements, JdbcSettings settings, Path folder, String name) throws IOException {
        String url = settings.url();
        if (!embeddedH2(url)) {
            String tool = url.startsWith("jdbc:postgresql:") ? "pg_dump" : "the database's own backup tool";
            return settings.pid() + ": skipped, the database at " + settings.redactedUrl() + " is not an embedded H2 file: back it up with " + tool;
        }
        Path zip = folder.resolve(name + ".zip").toAbsolutePath();
        try {
            // BACKUP takes no parameter: the path is a quoted SQL string
            statements.execute("BACKUP TO '" + zip.toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IOException(settings.pid() + ": could not back up " + settings.redactedUrl() + " to " + zip + ": " + e.getMessage(), e);
        }
        return settings.pid() + ": " + settings.redactedUrl() + " to " + zip;
    }

    private static Void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        return null;
    }

    /** An H2 database in a file of this process (not in memory, not reached over the network). */
    static boolean embeddedH2(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = url.substring("jdbc:h2:".length()).toLowerCase(Locale.ROOT);
        return !(rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.startsWith("zip:"));
    }
}
