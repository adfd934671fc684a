package io.switchboard.auth.jdbc.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import io.switchboard.api.accounts.AccountStore;
import io.switchboard.api.accounts.AccountStoreException;
import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.auth.AuthStoreUnavailableException;
import io.switchboard.api.auth.ScramCredential;
import io.switchboard.credentials.SaltedCredential;
import io.switchboard.credentials.UserCredentials;
import io.switchboard.api.backup.BackupSource;
import io.switchboard.jdbc.ConnectionPool;
import io.switchboard.jdbc.DatabaseBackup;
import io.switchboard.jdbc.JdbcConnection;
import io.switchboard.jdbc.JdbcSettings;

/**
 * Authenticates against users in a database, and writes them as an {@link AccountStore}, through the {@link DataSourceFactory} of the driver
 * that {@code dataSourceFactory.target} picks, as the stores do. Active only once configured; with
 * the default ranking it then outranks the users file. Gogo: {@code jdbcusers:adduser},
 * {@code passwd}, {@code deluser}, {@code users}. A database that cannot be reached fails logins
 * for now (an exception, see {@link AuthProvider}), logged once when it goes and once when it
 * comes back.
 */
@Component(service = {AuthProvider.class, AccountStore.class, BackupSource.class}, configurationPid = JdbcAuthProvider.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, property = {
        "osgi.command.scope=jdbcusers",
        "osgi.command.function=adduser",
        "osgi.command.function=passwd",
        "osgi.command.function=deluser",
        "osgi.command.function=users"})
@Designate(ocd = JdbcAuthConfiguration.class)
public class JdbcAuthProvider implements AuthProvider, AccountStore, BackupSource {

    static final String PID = "io.switchboard.auth.jdbc";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuthProvider.class);
    private static final Set<String> SCRAM_MECHANISMS = Set.of(ScramCredential.SHA_256, ScramCredential.SHA_1);
    /** The name the driver's key had before it was shared with the stores. */
    private static final String DEPRECATED_DRIVER_KEY = "driverClass";

    private final JdbcSettings settings;
    private final Filter driver;
    private final boolean createTable;
    private final int poolSize;
    private final int timeoutSeconds;
    private final int iterations;
    private final UserTable table;

    /** Every driver's factory present, with its service properties. */
    private final Map<DataSourceFactory, Map<String, Object>> factories = new ConcurrentHashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private ConnectionPool pool; // guarded by this
    private DataSourceFactory poolFactory; // guarded by this
    private volatile boolean tableReady;

    /**
     * @param properties the component's properties, for a key the configuration type no longer has
     * @throws IllegalArgumentException naming the key whose value cannot work
     */
    @Activate
    public JdbcAuthProvider(JdbcAuthConfiguration config, Map<String, Object> properties) {
        this.settings = new JdbcSettings(PID, config.url(), config.user(), config.password());
        this.driver = driver(config.dataSourceFactory_target(), properties.get(DEPRECATED_DRIVER_KEY));
        this.table = new UserTable(config.table(), config.usernameColumn(), config.scramSha256Column(), config.scramSha1Column(),
                config.disabledColumn().trim());
        this.createTable = config.createTable();
        this.poolSize = positive("poolSize", config.poolSize());
        this.timeoutSeconds = positive("timeoutSeconds", config.timeoutSeconds());
        this.iterations = Math.max(config.iterations(), SaltedCredential.DEFAULT_ITERATIONS);
        LOG.info("{}: users in {} table {} through {}", PID, settings.redactedUrl(), config.table(), driver);
    }

    /** The filter for the driver's factory; a class name under the old key still works, and says it is deprecated. */
    private static Filter driver(String target, Object deprecatedDriverClass) {
        if (deprecatedDriverClass != null) {
            target = "(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=" + deprecatedDriverClass + ")";
            LOG.warn("{}: the key '{}' is deprecated: in config/{}.cfg replace it with dataSourceFactory.target = {}",
                    PID, DEPRECATED_DRIVER_KEY, PID, target);
        }
        try {
            return FrameworkUtil.createFilter(target);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(PID + ": 'dataSourceFactory.target' = '" + target + "' is not a filter: "
                    + e.getMessage(), e);
        }
    }

    private static int positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(PID + ": '" + key + "' must be at least 1, not " + value);
        }
        return value;
    }

    /*
     * Every driver, matched here rather than by DS's own target property: logins fail for now, not
     * the component, while the driver is missing, and the deprecated key can still choose.
     */
    @Reference(name = "drivers", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeDataSourceFactory")
    void addDataSourceFactory(DataSourceFactory factory, Map<String, Object> properties) {
        factories.put(factory, Map.copyOf(properties));
    }

    void removeDataSourceFactory(DataSourceFactory factory) {
        factories.remove(factory);
        synchronized (this) {
            if (factory == poolFactory) { // the driver went: its connections with it
                closePool();
            }
        }
    }

    @Deactivate
    synchronized void deactivate() {
        closePool();
    }

    private void closePool() {
        if (pool != null) {
            pool.close();
            pool = null;
            poolFactory = null;
        }
    }

    // ---- AuthProvider -------------------------------------------------------------------------

    /** The password alone: whether the account is disabled is {@link #isDisabled}'s to say. */
    @Override
    public boolean authenticate(String username, String password) {
        return lookup(username).map(user -> user.credentials().verify(password)).orElse(false);
    }

    @Override
    public boolean exists(String username) {
        return lookup(username).isPresent();
    }

    @Override
    public Set<String> scramMechanisms() {
        return SCRAM_MECHANISMS;
    }

    @Override
    public Optional<ScramCredential> scramCredential(String username, String mechanism) {
        return lookup(username).flatMap(user -> user.credentials().scram(mechanism));
    }

    // ---- AccountStore -------------------------------------------------------------------------

    @Override
    public boolean create(String username, String password) {
        UserCredentials credentials = UserCredentials.create(password, iterations);
        return write("create the account of " + username,
                connection -> table.insert(connection, username, credentials, timeoutSeconds));
    }

    @Override
    public boolean delete(String username) {
        return write("delete the account of " + username, connection -> table.delete(connection, username, timeoutSeconds));
    }

    @Override
    public boolean changePassword(String username, String password) {
        UserCredentials credentials = UserCredentials.create(password, iterations);
        return write("change the password of " + username,
                connection -> table.update(connection, username, credentials, timeoutSeconds));
    }

    @Override
    public boolean setDisabled(String username, boolean disabled) {
        try {
            return write((disabled ? "disable" : "enable") + " the account of " + username,
                    connection -> table.disable(connection, username, disabled, timeoutSeconds));
        } catch (IllegalStateException e) {
            throw new AccountStoreException(PID + ": accounts cannot be disabled: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isDisabled(String username) {
        return lookup(username).map(UserTable.StoredUser::disabled).orElse(false);
    }

    @Override
    public List<String> list() {
        try {
            return database(connection -> table.list(connection, timeoutSeconds));
        } catch (SQLException e) {
            throw new AccountStoreException(PID + ": cannot list the accounts: the user database is unavailable", e);
        }
    }

    private boolean write(String what, JdbcConnection.Work<Boolean> work) {
        try {
            return database(work);
        } catch (SQLException e) {
            throw new AccountStoreException(PID + ": cannot " + what + ": the user database is unavailable", e);
        }
    }

    /** @throws AuthStoreUnavailableException when the database cannot be asked */
    private Optional<UserTable.StoredUser> lookup(String username) {
        try {
            return database(connection -> table.find(connection, username, timeoutSeconds));
        } catch (SQLException e) {
            throw new AuthStoreUnavailableException(PID + ": the user database is unavailable", e);
        } catch (IllegalArgumentException e) {
            LOG.error("{}: user '{}' ignored: its stored credentials are unreadable: {}", PID, username, e.getMessage());
            return Optional.empty();
        }
    }

    // ---- Gogo commands ------------------------------------------------------------------------

    /** adduser NAME PASSWORD: creates a user. */
    public String adduser(String name, String password) throws SQLException {
        String username = JID.nodeprep(name);
        if (!SaltedCredential.preparable(password)) {
            return "User " + username + " not added: " + SaltedCredential.PROHIBITED;
        }
        UserCredentials credentials = UserCredentials.create(password, iterations);
        return database(connection -> table.insert(connection, username, credentials, timeoutSeconds))
                ? "Added " + username + " to the database"
                : "User " + username + " exists already; use jdbcusers:passwd to change the password";
    }

    /** passwd NAME PASSWORD: sets a user's password. */
    public String passwd(String name, String password) throws SQLException {
        String username = JID.nodeprep(name);
        if (!SaltedCredential.preparable(password)) {
            return "Password of " + username + " not changed: " + SaltedCredential.PROHIBITED;
        }
        UserCredentials credentials = UserCredentials.create(password, iterations);
        return database(connection -> table.update(connection, username, credentials, timeoutSeconds))
                ? "Password of " + username + " changed" : "No such user: " + username;
    }

    /** deluser NAME: deletes a user; sessions already open stay open. */
    public String deluser(String name) throws SQLException {
        String username = JID.nodeprep(name);
        return database(connection -> table.delete(connection, username, timeoutSeconds))
                ? "Deleted " + username : "No such user: " + username;
    }

    /** users: lists the user names. */
    public String users() throws SQLException {
        List<String> users = database(connection -> table.list(connection, timeoutSeconds));
        return users.isEmpty() ? "No users in the database" : String.join("\n", users);
    }

    // ---- the database -------------------------------------------------------------------------

    /** Runs the work on a pooled connection, creating the table first if asked to; logs outages once. */
    private <T> T database(JdbcConnection.Work<T> work) throws SQLException {
        try {
            ConnectionPool connections = pool();
            if (createTable && !tableReady) {
                connections.with(connection -> {
                    table.create(connection, timeoutSeconds);
                    return null;
                });
                tableReady = true;
            }
            T result = connections.with(work);
            if (failing.compareAndSet(true, false)) {
                LOG.info("{}: the database at {} answers again", PID, settings.redactedUrl());
            }
            return result;
        } catch (SQLException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.warn("{}: the database at {} (keys 'url', 'user', 'dataSourceFactory.target', 'table') cannot be used; "
                        + "logins fail with temporary-auth-failure until it can: {}", PID, settings.redactedUrl(), e.toString());
            } else {
                LOG.debug("{}: the database is still unavailable: {}", PID, e.toString());
            }
            throw e;
        }
    }

    /**
     * switchboard:backup: an embedded H2 users database as users.zip, through this provider's pool
     * (opened only then: a PostgreSQL database is skipped without a connection).
     */
    @Override
    public String backupTo(Path folder) throws IOException {
        return DatabaseBackup.backupThrough(sql -> pool().with(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            return null;
        }), settings, folder, "users");
    }

    private synchronized ConnectionPool pool() throws SQLException {
        if (pool != null) {
            return pool;
        }
        DataSourceFactory factory = factories.entrySet().stream()
                .filter(entry -> driver.matches(entry.getValue())).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new SQLException("no DataSourceFactory matching dataSourceFactory.target " + driver
                        + " is registered (is the driver bundle installed and started?)"));
        DataSource source = settings.dataSource(factory);
        try {
            source.setLoginTimeout(timeoutSeconds);
        } catch (SQLException | UnsupportedOperationException e) {
            LOG.debug("{}: the driver takes no login timeout", PID);
        }
        pool = new ConnectionPool(source, poolSize, timeoutSeconds);
        poolFactory = factory;
        return pool;
    }
}
