package io.switchboard.pubsub.store.jdbc.impl;

import org.junit.ClassRule;

import io.switchboard.testing.PostgresDatabases;

/** The store on a real PostgreSQL server the test starts, through the PostgreSQL driver's DataSourceFactory over TCP. */
public class JdbcPubSubStorePostgresTest extends JdbcPubSubStoreContract {

    @ClassRule
    public static final PostgresDatabases POSTGRES = new PostgresDatabases();

    public JdbcPubSubStorePostgresTest() {
        super(POSTGRES);
    }
}
