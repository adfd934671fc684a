package io.switchboard.roster.store.jdbc.impl;

import java.io.IOException;
import java.sql.SQLException;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

import io.switchboard.testing.PostgresServer;

/** The store on a real PostgreSQL server the test starts, through the PostgreSQL driver's DataSourceFactory over TCP. */
public class JdbcRosterStorePostgresTest extends JdbcRosterStoreContract {

    private static PostgresServer postgres;

    @BeforeClass
    public static void startPostgres() throws IOException {
        postgres = PostgresServer.start();
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
        return postgres.freshDatabase("roster");
    }
}
