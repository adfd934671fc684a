package io.switchboard.jdbc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.h2.tools.Restore;
import org.h2.util.OsgiDataSourceFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** BACKUP TO through the store's own connection while it is open, and the copy restored and read. */
public class DatabaseBackupTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void anOpenH2DatabaseIsCopiedAndTheCopyRestoresItsRows() throws Exception {
        Path data = folder.newFolder("data").toPath();
        Path backups = folder.newFolder("backup").toPath();
        JdbcSettings settings = new JdbcSettings("test.pid", "jdbc:h2:" + data.resolve("store") + ";WRITE_DELAY=0", "", "");
        try (JdbcConnection database = open(settings)) {
            database.transaction(connection -> JdbcConnection.update(connection, "INSERT INTO t (k) VALUES (?)", "kept"));

            String line = DatabaseBackup.backup(database, settings, backups, "store");
            assertTrue(line, line.startsWith("test.pid: ") && line.endsWith(backups.resolve("store.zip").toString()));
            // still usable while and after the copy is made
            database.transaction(connection -> JdbcConnection.update(connection, "INSERT INTO t (k) VALUES (?)", "after"));
        }

        Path restored = folder.newFolder("restored").toPath();
        Restore.execute(backups.resolve("store.zip").toString(), restored.toString(), null);
        assertTrue(Files.exists(restored.resolve("store.mv.db")));
        JdbcSettings copy = new JdbcSettings("test.pid", "jdbc:h2:" + restored.resolve("store"), "", "");
        try (JdbcConnection database = open(copy)) {
            List<String> keys = database.transaction(DatabaseBackupTest::keys);
            assertEquals(List.of("kept"), keys);
        }
    }

    @Test
    public void onlyEmbeddedH2FilesAreCopiedAndPostgresqlIsLeftToPgDump() throws Exception {
        assertTrue(DatabaseBackup.embeddedH2("jdbc:h2:./data/roster;WRITE_DELAY=0"));
        assertTrue(DatabaseBackup.embeddedH2("jdbc:h2:file:/var/lib/switchboard/pubsub"));
        assertFalse(DatabaseBackup.embeddedH2("jdbc:h2:mem:test"));
        assertFalse(DatabaseBackup.embeddedH2("jdbc:h2:tcp://db/pubsub"));
        assertFalse(DatabaseBackup.embeddedH2("jdbc:postgresql://db/switchboard"));
        JdbcSettings postgres = new JdbcSettings("pg.pid", "jdbc:postgresql://db.example.com/switchboard?password=secret", "sb", "");
        DatabaseBackup.Statements untouched = sql -> {
            throw new AssertionError("PostgreSQL is never asked: " + sql);
        };
        String line = DatabaseBackup.backupThrough(untouched, postgres, folder.getRoot().toPath(), "store");
        assertEquals("pg.pid: skipped, the database at jdbc:postgresql://db.example.com/switchboard… is not an embedded H2 file: "
                + "back it up with pg_dump", line);
    }

    private static JdbcConnection open(JdbcSettings settings) throws SQLException {
        return new JdbcConnection(new OsgiDataSourceFactory(new org.h2.Driver()), settings,
                JdbcConnection.schema(List.of("CREATE TABLE IF NOT EXISTS t (k VARCHAR(64) PRIMARY KEY)")));
    }

    private static List<String> keys(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT k FROM t ORDER BY k")) {
            List<String> keys = new java.util.ArrayList<>();
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
            return keys;
        }
    }
}
