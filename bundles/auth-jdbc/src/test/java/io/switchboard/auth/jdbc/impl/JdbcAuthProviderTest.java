package io.switchboard.auth.jdbc.impl;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.h2.util.OsgiDataSourceFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.jdbc.DataSourceFactory;

import io.switchboard.api.auth.AuthStoreUnavailableException;
import io.switchboard.api.auth.ScramCredential;
import io.switchboard.credentials.SaltedCredential;
import io.switchboard.testing.Configurations;

/** Against a real H2 file database in a temporary folder, reached through H2's own DataSourceFactory. */
public class JdbcAuthProviderTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final DataSourceFactory h2 = new OsgiDataSourceFactory(new org.h2.Driver());
    private final List<JdbcAuthProvider> providers = new ArrayList<>();
    private String url;

    @Before
    public void database() {
        url = "jdbc:h2:" + folder.getRoot().toPath().resolve("users").toAbsolutePath();
    }

    @After
    public void closeProviders() {
        providers.forEach(JdbcAuthProvider::deactivate);
    }

    private JdbcAuthProvider provider(Object... namesAndValues) {
        List<Object> all = new ArrayList<>(List.of("url", url));
        all.addAll(List.of(namesAndValues));
        JdbcAuthProvider provider = new JdbcAuthProvider(Configurations.of(JdbcAuthConfiguration.class, all.toArray()), Map.of());
        provider.addDataSourceFactory(h2, Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.h2.Driver"));
        providers.add(provider);
        return provider;
    }

    // ---- backup ---------------------------------------------------------------------------------

    @Test
    public void anEmbeddedH2UsersDatabaseIsBackedUpAndTheCopyLogsIn() throws Exception {
        JdbcAuthProvider provider = provider();
        provider.adduser("alice", "pencil");
        java.nio.file.Path backup = folder.newFolder("backup").toPath();

        String line = provider.backupTo(backup);

        assertTrue(line, line.startsWith(JdbcAuthProvider.PID + ": ") && line.endsWith(backup.resolve("users.zip").toString()));
        java.nio.file.Path restored = folder.newFolder("restored").toPath();
        org.h2.tools.Restore.execute(backup.resolve("users.zip").toString(), restored.toString(), null);
        url = "jdbc:h2:" + restored.resolve("users");
        assertTrue(provider().authenticate("alice", "pencil"));
    }

    // ---- logins ---------------------------------------------------------------------------------

    @Test
    public void aUserAddedByTheCommandLogsInWithItsPasswordOnly() throws Exception {
        JdbcAuthProvider provider = provider();
        assertEquals("Added alice to the database", provider.adduser("Alice", "pencil"));

        assertTrue(provider.authenticate("alice", "pencil"));
        assertFalse(provider.authenticate("alice", "crayon"));
        assertFalse(provider.authenticate("bob", "pencil"));
        assertTrue(provider.exists("alice"));
        assertFalse(provider.exists("bob"));
    }

    @Test
    public void scramCredentialsForBothHashesComeFromTheDatabase() throws Exception {
        JdbcAuthProvider provider = provider();
        provider.adduser("alice", "pencil");

        for (SaltedCredential.Algorithm algorithm : SaltedCredential.Algorithm.values()) {
            ScramCredential stored = provider.scramCredential("alice", algorithm.mechanism()).orElseThrow();
            SaltedCredential expected = SaltedCredential.derive(algorithm, "pencil", stored.salt(), stored.iterations());
            assertEquals(algorithm.mechanism(), stored.mechanism());
            assertArrayEquals(expected.storedKey(), stored.storedKey());
            assertArrayEquals(expected.serverKey(), stored.serverKey());
        }
        assertTrue(provider.scramCredential("bob", ScramCredential.SHA_256).isEmpty());
        assertEquals(java.util.Set.of(ScramCredential.SHA_256, ScramCredential.SHA_1), provider.scramMechanisms());
    }

    @Test
    public void theTableIsCreatedAtFirstUseAndHoldsSaltedCredentialsNeverThePassword() throws Exception {
        provider().adduser("alice", "pencil");

        try (Connection connection = DriverManager.getConnection(url)) {
            StoredUsers.assertOnlyUserWithSaltedCredentials(connection, "alice", "pencil");
        }
    }

    @Test
    public void passwdDeluserAndUsersManageTheTable() throws Exception {
        JdbcAuthProvider provider = provider();
        provider.adduser("alice", "pencil");
        provider.adduser("bob", "crayon");

        assertEquals("User alice exists already; use jdbcusers:passwd to change the password", provider.adduser("alice", "other"));
        assertTrue(provider.authenticate("alice", "pencil"));
        assertEquals("Password of alice changed", provider.passwd("alice", "marker"));
        assertTrue(provider.authenticate("alice", "marker"));
        assertFalse(provider.authenticate("alice", "pencil"));
        assertEquals("No such user: carol", provider.passwd("carol", "x"));
        assertEquals("User carol not added: " + SaltedCredential.PROHIBITED, provider.adduser("carol", "a\u0007b"));
        assertEquals("Password of alice not changed: " + SaltedCredential.PROHIBITED, provider.passwd("alice", "a\u0007b"));
        assertTrue(provider.authenticate("alice", "marker"));
        assertEquals("alice\nbob", provider.users());
        assertEquals("Deleted bob", provider.deluser("bob"));
        assertEquals("No such user: bob", provider.deluser("bob"));
        assertFalse(provider.authenticate("bob", "crayon"));
        assertEquals("alice", provider.users());
    }

    @Test
    public void usersOutliveTheProvider() throws Exception {
        JdbcAuthProvider first = provider();
        first.adduser("alice", "pencil");
        first.deactivate();

        assertTrue(provider().authenticate("alice", "pencil"));
    }

    @Test
    public void tableAndColumnsAreConfigurable() throws Exception {
        provider("table", "xmpp_accounts", "usernameColumn", "login", "scramSha256Column", "s256", "scramSha1Column", "s1")
                .adduser("alice", "pencil");

        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT login, s256, s1 FROM xmpp_accounts")) {
            assertTrue(row.next());
            assertEquals("alice", row.getString(1));
        }
    }

    @Test
    public void aRowWrittenByAnotherToolWithOnlyASha256CredentialLogsInWithPlainButOffersNoSha1() throws Exception {
        JdbcAuthProvider provider = provider();
        provider.users(); // creates the table
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO switchboard_users (username, scram_sha_256) VALUES ('dave', '"
                    + SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "marker", 4096).encode() + "')");
            statement.executeUpdate("INSERT INTO switchboard_users (username, scram_sha_256) VALUES ('erin', 'eraser')");
        }

        assertTrue(provider.authenticate("dave", "marker"));
        assertTrue(provider.scramCredential("dave", ScramCredential.SHA_1).isEmpty());
        assertFalse("a plaintext password in the table is no credential", provider.authenticate("erin", "eraser"));
    }

    // ---- bad configuration and outages ----------------------------------------------------------

    @Test
    public void aTableNameThatIsNotAPlainIdentifierIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider("table", "users; DROP TABLE switchboard_users"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("io.switchboard.auth.jdbc: 'table'"));
    }

    @Test
    public void aColumnNameThatIsNotAPlainIdentifierIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider("scramSha1Column", "a\"b"));
        assertTrue(e.getMessage(), e.getMessage().contains("'scramSha1Column'"));
        assertThrows(IllegalArgumentException.class, () -> provider("usernameColumn", "1st"));
    }

    @Test
    public void aSchemaQualifiedTableIsAccepted() throws Exception {
        JdbcAuthProvider provider = provider("table", "public.accounts");
        provider.adduser("alice", "pencil");
        assertTrue(provider.authenticate("alice", "pencil"));
    }

    @Test
    public void anEmptyUrlOrAPoolOfNoneIsRefusedNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider("url", " ")).getMessage().contains("'url'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> provider("poolSize", 0)).getMessage().contains("'poolSize'"));
    }

    @Test
    public void withoutTheConfiguredDriverLoginsFailForNowNotForGood() {
        JdbcAuthProvider provider = provider("dataSourceFactory_target", "(osgi.jdbc.driver.class=org.postgresql.Driver)");

        AuthStoreUnavailableException e = assertThrows(AuthStoreUnavailableException.class, () -> provider.authenticate("alice", "pencil"));
        assertTrue(e.getCause().getMessage(), e.getCause().getMessage()
                .contains("no DataSourceFactory matching dataSourceFactory.target (osgi.jdbc.driver.class=org.postgresql.Driver)"));
    }

    @Test
    public void theDeprecatedDriverClassKeyStillPicksTheDriver() throws Exception {
        Map<String, Object> oldConfiguration = Map.of("driverClass", "org.postgresql.Driver");
        JdbcAuthProvider postgres = new JdbcAuthProvider(Configurations.of(JdbcAuthConfiguration.class, "url", url), oldConfiguration);
        postgres.addDataSourceFactory(h2, Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.h2.Driver"));
        providers.add(postgres);

        AuthStoreUnavailableException e = assertThrows(AuthStoreUnavailableException.class, () -> postgres.authenticate("alice", "pencil"));
        assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains("(osgi.jdbc.driver.class=org.postgresql.Driver)"));
    }

    @Test
    public void aDriverFilterThatIsNoFilterIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider("dataSourceFactory_target", "osgi.jdbc.driver.class=org.h2.Driver"));
        assertTrue(e.getMessage(), e.getMessage().contains("'dataSourceFactory.target'"));
    }

    @Test
    public void anUnreachableDatabaseFailsLoginsForNowWithinTheTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JdbcAuthProvider provider = provider("url", "jdbc:h2:tcp://127.0.0.1:" + closedPort + "/nowhere", "timeoutSeconds", 2);

        long start = System.nanoTime();
        assertThrows(AuthStoreUnavailableException.class, () -> provider.authenticate("alice", "pencil"));
        assertThrows(AuthStoreUnavailableException.class, () -> provider.exists("alice"));
        assertTrue((System.nanoTime() - start) / 1_000_000_000 < 10);
    }

    @Test
    public void whenTheDriverGoesItsConnectionsGoAndComeBackWithIt() throws Exception {
        JdbcAuthProvider provider = provider();
        provider.adduser("alice", "pencil");

        provider.removeDataSourceFactory(h2);
        assertThrows(AuthStoreUnavailableException.class, () -> provider.authenticate("alice", "pencil"));

        provider.addDataSourceFactory(h2, Map.of(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS, "org.h2.Driver"));
        assertTrue(provider.authenticate("alice", "pencil"));
    }

    @Test
    public void theCommandsReportAnUnreachableDatabase() {
        JdbcAuthProvider provider = provider("dataSourceFactory_target", "(osgi.jdbc.driver.class=org.example.Missing)");
        assertThrows(SQLException.class, provider::users);
    }

    // ---- AccountStore ---------------------------------------------------------------------------

    @Test
    public void accountsAreCreatedChangedDisabledListedAndDeleted() {
        JdbcAuthProvider provider = provider();

        assertTrue(provider.create("bob", "crayon"));
        assertTrue(provider.create("alice", "pencil"));
        assertFalse("a second create keeps the first password", provider.create("alice", "marker"));
        assertEquals(List.of("alice", "bob"), provider.list());

        assertTrue(provider.changePassword("alice", "marker"));
        assertTrue(provider.authenticate("alice", "marker"));
        assertFalse(provider.changePassword("carol", "marker"));

        assertTrue(provider.setDisabled("alice", true));
        assertTrue(provider.isDisabled("alice"));
        assertTrue("the password is still the password", provider.authenticate("alice", "marker"));
        assertFalse(provider.isDisabled("bob"));
        assertTrue(provider.setDisabled("alice", false));
        assertFalse(provider.isDisabled("alice"));
        assertFalse(provider.setDisabled("carol", true));

        assertTrue(provider.delete("bob"));
        assertFalse(provider.delete("bob"));
        assertEquals(List.of("alice"), provider.list());
    }

    @Test
    public void aTableMadeBeforeTheDisabledColumnGetsIt() throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE switchboard_users (username VARCHAR(1023) NOT NULL PRIMARY KEY, "
                    + "scram_sha_256 VARCHAR(255), scram_sha_1 VARCHAR(255))");
            statement.executeUpdate("INSERT INTO switchboard_users (username, scram_sha_256) VALUES ('dave', '"
                    + SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "marker", 4096).encode() + "')");
        }
        JdbcAuthProvider provider = provider();

        assertFalse(provider.isDisabled("dave"));
        assertTrue(provider.setDisabled("dave", true));
        assertTrue(provider.isDisabled("dave"));
    }

    @Test
    public void withoutADisabledColumnAccountsLogInAndCannotBeDisabled() {
        JdbcAuthProvider provider = provider("disabledColumn", "");
        provider.create("alice", "pencil");

        assertFalse(provider.isDisabled("alice"));
        io.switchboard.api.accounts.AccountStoreException thrown = assertThrows(
                io.switchboard.api.accounts.AccountStoreException.class, () -> provider.setDisabled("alice", true));
        assertTrue(thrown.getMessage(), thrown.getMessage().contains("disabledColumn"));
    }

    @Test
    public void writesToAnUnreachableDatabaseAreAccountStoreExceptions() {
        JdbcAuthProvider provider = provider("dataSourceFactory_target", "(osgi.jdbc.driver.class=org.example.Missing)");

        assertThrows(io.switchboard.api.accounts.AccountStoreException.class, () -> provider.create("alice", "pencil"));
        assertThrows(io.switchboard.api.accounts.AccountStoreException.class, provider::list);
    }
}
