package io.switchboard.pubsub.store.jdbc.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.jdbc.JdbcSettings;

/*
 * The same keys as the other JDBC store's, declared again: metatype annotation types cannot extend one
 * another, and each store names itself and its own H2 file to operators. Both are read through JdbcSettings.
 */
@ObjectClassDefinition(
        name = "Switchboard pubsub store (JDBC)",
        description = "Where publish-subscribe nodes, subscriptions and items are kept: a database reached through a driver's DataSourceFactory.")
public @interface JdbcStoreConfiguration {

    @AttributeDefinition(name = "JDBC URL", description = "H2 by default (WRITE_DELAY=0: every commit is on disk before it is acknowledged); "
            + "e.g. jdbc:postgresql://db.example.com/switchboard for PostgreSQL.")
    String url() default "jdbc:h2:./data/pubsub;WRITE_DELAY=0";

    @AttributeDefinition(name = "User", description = "The database user; empty for none (H2's default).")
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "The database user's password.")
    String password() default "";

    @AttributeDefinition(name = "Driver", description = "Which driver's DataSourceFactory to use: "
            + "(osgi.jdbc.driver.class=org.h2.Driver), or (osgi.jdbc.driver.class=org.postgresql.Driver).")
    String dataSourceFactory_target() default JdbcSettings.H2_DRIVER;
}
