package io.switchboard.jdbc;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.felix.hc.api.Result;
import org.h2.util.OsgiDataSourceFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.switchboard.jdbc.health.JdbcHealth;

/** Group commit on a real H2 file database: every caller's change is committed, a failing one alone is lost. */
public class JdbcConnectionTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private JdbcConnection database;

    @Before
    public void open() throws SQLException {
        database = new JdbcConnection(new OsgiDataSourceFactory(new org.h2.Driver()),
                new JdbcSettings("test.pid", "jdbc:h2:" + folder.getRoot().toPath().resolve("db") + ";WRITE_DELAY=0", "", ""),
                JdbcConnection.schema(List.of("CREATE TABLE IF NOT EXISTS t (k VARCHAR(64) PRIMARY KEY)")));
    }

    @After
    public void close() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        database.close();
    }

    @Test
    public void aCheckFailsNamingTheDatabaseWhileItIsDownAndPassesOnceItIsBack() throws Exception {
        String[] serverArguments = {"-tcpPort", "0", "-baseDir", folder.getRoot().toString(), "-ifNotExists"};
        org.h2.tools.Server server = org.h2.tools.Server.createTcpServer(serverArguments).start();
        int port = server.getPort();
        serverArguments[1] = String.valueOf(port);
        try (JdbcConnection remote = new JdbcConnection(new OsgiDataSourceFactory(new org.h2.Driver()),
                new JdbcSettings("test.pid", "jdbc:h2:tcp://127.0.0.1:" + port + "/remote", "", ""), JdbcConnection.schema(List.of()))) {
            assertEquals(Result.Status.OK, JdbcHealth.check(remote, "test", 2).getStatus());

            server.stop();
            Result down = JdbcHealth.check(remote, "test", 2);
            assertEquals(Result.Status.CRITICAL, down.getStatus());
            String message = down.iterator().next().getMessage();
            assertTrue(message, message.startsWith("the database at jdbc:h2:tcp://127.0.0.1:" + port));

            server = org.h2.tools.Server.createTcpServer(serverArguments).start();
            Result back = JdbcHealth.check(remote, "test", 2); // a new connection, the failed one dropped
            assertEquals(Result.Status.OK, back.getStatus());
            assertEquals("the test database at jdbc:h2:tcp://127.0.0.1:" + port + "/remote answers", back.iterator().next().getMessage());
        } finally {
            server.stop();
        }
    }

    @Test
    public void everyConcurrentChangeIsCommitted() throws Exception {
        List<Future<Integer>> inserts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String key = "k" + i;
            inserts.add(callers.submit(() -> database.transaction(c -> JdbcConnection.update(c, "INSERT INTO t (k) VALUES (?)", key))));
        }
        for (Future<Integer> insert : inserts) {
            assertEquals(Integer.valueOf(1), insert.get(30, TimeUnit.SECONDS));
        }
        assertEquals(400, count());
    }

    @Test
    public void aChangeThatFailsInABatchIsRolledBackAloneAndItsCallerToldWhy() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the first change holds the connection while the next two queue up: they are committed together
        Future<Object> first = callers.submit(() -> database.transaction(c -> {
            JdbcConnection.update(c, "INSERT INTO t (k) VALUES ('first')");
            holding.countDown();
            hold(release);
            return null;
        }));
        holding.await(10, TimeUnit.SECONDS);
        Future<Object> failing = callers.submit(() -> database.transaction(c -> {
            JdbcConnection.update(c, "INSERT INTO t (k) VALUES ('half-done')");
            return JdbcConnection.update(c, "INSERT INTO t (k) VALUES ('first')"); // duplicate key
        }));
        Future<Object> good = callers.submit(() -> database.transaction(c -> JdbcConnection.update(c, "INSERT INTO t (k) VALUES ('good')")));
        await().atMost(Duration.ofSeconds(10)).until(() -> database.queued() == 2); // both wait behind the first
        release.countDown();

        first.get(10, TimeUnit.SECONDS);
        good.get(10, TimeUnit.SECONDS);
        Exception e = assertThrows(Exception.class, () -> failing.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage(), e.getCause().getMessage().startsWith("the database at jdbc:h2:"));
        assertEquals(List.of("first", "good"), keys());
    }

    @Test
    public void aFailingChangeAloneLeavesNothingBehind() {
        assertThrows(IllegalStateException.class, () -> database.transaction(c -> {
            JdbcConnection.update(c, "INSERT INTO t (k) VALUES ('half-done')");
            throw new SQLException("second statement failed");
        }));
        assertEquals(List.of(), keys());
        database.transaction(c -> JdbcConnection.update(c, "INSERT INTO t (k) VALUES ('next')"));
        assertEquals(List.of("next"), keys());
    }

    @Test
    public void anUnusableDatabaseIsRefusedNamingTheConfigurationAndTheUrl() {
        SQLException e = assertThrows(SQLException.class, () -> new JdbcConnection(new OsgiDataSourceFactory(new org.h2.Driver()),
                new JdbcSettings("test.pid", "jdbc:h2:" + folder.getRoot().toPath().resolve("db") + ";NO_SUCH_SETTING=1", "", ""), JdbcConnection.schema(List.of())));
        assertTrue(e.getMessage(), e.getMessage().startsWith("test.pid: cannot use the database at url jdbc:h2:"));
    }

    private int count() {
        return keys().size();
    }

    private List<String> keys() {
        return database.transaction(c -> {
            List<String> keys = new ArrayList<>();
            try (Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery("SELECT k FROM t ORDER BY k")) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        });
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
