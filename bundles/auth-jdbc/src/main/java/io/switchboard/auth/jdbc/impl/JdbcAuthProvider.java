package io.switchboard.auth.jdbc.impl;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

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

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.auth.AuthStoreUnavailableException;
import io.switchboard.api.auth.ScramCredential;
import io.switchboard.credentials.SaltedCredential;
import io.switchboard.credentials.UserCredentials;

/**
 * Authenticates against users in a database, through the {@link DataSourceFactory} the configured
 * driver registers. Active only once configured; with the default ranking it then outranks the
 * users file. Gogo: {@code jdbcusers:adduser}, {@code passwd}, {@code deluser}, {@code users}.
 * A database that cannot be reached fails logins for now (an exception, see {@link AuthProvider}),
 * logged once when it goes and once when it comes back.
 */
@Component(configurationPid = JdbcAuthProvider.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, property = {
        "osgi.command.scope=jdbcusers",
        "osgi.command.function=adduser",
        "osgi.command.function=passwd",
        "osgi.command.function=deluser",
        "osgi.command.function=users"})
@Designate(ocd = JdbcAuthConfiguration.class)
public class JdbcAuthProvider implements AuthProvider {

    static final String PID = "io.switchboard.auth.jdbc";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuthProvider.class);
    private static final Set<String> SCRAM_MECHANISMS = Set.of(ScramCredential.SHA_256, ScramCredential.SHA_1);

    private final String url;
    private final String driverClass;
    private final String user;
    private final String password;
    private final boolean createTable;
    private final int poolSize;
    private final int timeoutSeconds;
    private final int iterations;
    private final UserTable table;

    /** Every driver's factory present, with its osgi.jdbc.driver.class. */
    private final Map<DataSourceFactory, String> factories = new ConcurrentHashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private ConnectionPool pool; // guarded by this
    private DataSourceFactory poolFactory; // guarded by this
    private volatile boolean tableReady;

    /** @throws IllegalArgumentException naming the key whose value cannot work */
    @Activate
    public JdbcAuthProvider(JdbcAuthConfiguration config) {
        this.url = required("url", config.url());
        this.driverClass = required("driverClass", config.driverClass());
        this.user = config.user();
        this.password = config.password();
        this.table = new UserTable(config.table(), config.usernameColumn(), config.scramSha256Column(), config.scramSha1Column());
        this.createTable = config.createTable();
        this.poolSize = positive("poolSize", config.poolSize());
        this.timeoutSeconds = positive("timeoutSeconds", config.timeoutSeconds());
        this.iterations = Math.max(config.iterations(), SaltedCredential.DEFAULT_ITERATIONS);
        LOG.info("{}: users in {} table {} through {}", PID, redacted(url), config.table(), driverClass);
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PID + ": '" + key + "' must not be empty");
        }
        return value.trim();
    }

    private static int positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(PID + ": '" + key + "' must be at least 1, not " + value);
        }
        return value;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDataSourceFactory(DataSourceFactory factory, Map<String, Object> properties) {
        factories.put(factory, String.valueOf(properties.get(DataSourceFactory.OSGI_JDBC_DRIVER_CLASS)));
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

    @Override
    public boolean authenticate(String username, String password) {
        return lookup(username).map(credentials -> credentials.verify(password)).orElse(false);
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
        return lookup(username).flatMap(credentials -> credentials.scram(mechanism));
    }

    /** @throws AuthStoreUnavailableException when the database cannot be asked */
    private Optional<UserCredentials> lookup(String username) {
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
        UserCredentials credentials = UserCredentials.create(password, iterations);
        return database(connection -> table.insert(connection, username, credentials, timeoutSeconds))
                ? "Added " + username + " to the database"
                : "User " + username + " exists already; use jdbcusers:passwd to change the password";
    }

    /** passwd NAME PASSWORD: sets a user's password. */
    public String passwd(String name, String password) throws SQLException {
        String username = JID.nodeprep(name);
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
    private <T> T database(ConnectionPool.Work<T> work) throws SQLException {
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
                LOG.info("{}: the database at {} answers again", PID, redacted(url));
            }
            return result;
        } catch (SQLException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.warn("{}: the database at {} (keys 'url', 'user', 'driverClass', 'table') cannot be used; "
                        + "logins fail with temporary-auth-failure until it can: {}", PID, redacted(url), e.toString());
            } else {
                LOG.debug("{}: the database is still unavailable: {}", PID, e.toString());
            }
            throw e;
        }
    }

    private synchronized ConnectionPool pool() throws SQLException {
        if (pool != null) {
            return pool;
        }
        DataSourceFactory factory = factories.entrySet().stream()
                .filter(entry -> driverClass.equals(entry.getValue())).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new SQLException("no DataSourceFactory for driverClass '" + driverClass
                        + "' is registered (is the driver bundle installed and started?)"));
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, url);
        if (!user.isEmpty()) {
            properties.setProperty(DataSourceFactory.JDBC_USER, user);
        }
        if (!password.isEmpty()) {
            properties.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
        }
        DataSource source = factory.createDataSource(properties);
        try {
            source.setLoginTimeout(timeoutSeconds);
        } catch (SQLException | UnsupportedOperationException e) {
            LOG.debug("{}: the driver takes no login timeout", PID);
        }
        pool = new ConnectionPool(source, poolSize, timeoutSeconds);
        poolFactory = factory;
        return pool;
    }

    /** The URL without its options, which may carry credentials (…?password=, …;PASSWORD=). */
    static String redacted(String url) {
        int options = url.length();
        for (char separator : new char[] {'?', ';'}) {
            int at = url.indexOf(separator);
            if (at >= 0) {
                options = Math.min(options, at);
            }
        }
        return options == url.length() ? url : url.substring(0, options) + "…";
    }
}
