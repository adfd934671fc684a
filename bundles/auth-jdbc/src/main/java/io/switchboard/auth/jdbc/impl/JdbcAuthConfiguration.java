package io.switchboard.auth.jdbc.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.credentials.SaltedCredential;
import io.switchboard.jdbc.JdbcSettings;

@ObjectClassDefinition(
        name = "Switchboard database authentication",
        description = "Users and their salted SCRAM credentials in a relational database, reached through the "
                + "DataSourceFactory of a JDBC driver bundle (H2 and PostgreSQL ship with the server).")
public @interface JdbcAuthConfiguration {

    @AttributeDefinition(name = "JDBC URL", description = "Where the database is; the default is an H2 file under data/.")
    String url() default "jdbc:h2:./data/switchboard-users";

    @AttributeDefinition(name = "Driver", description = "Which driver's DataSourceFactory to use: "
            + "(osgi.jdbc.driver.class=org.h2.Driver), or (osgi.jdbc.driver.class=org.postgresql.Driver). "
            + "Replaces the deprecated driverClass, which is still read.")
    String dataSourceFactory_target() default JdbcSettings.H2_DRIVER;

    @AttributeDefinition(name = "Database user", description = "Empty: none.")
    String user() default "";

    @AttributeDefinition(name = "Database password", type = AttributeType.PASSWORD, description = "Empty: none.")
    String password() default "";

    @AttributeDefinition(name = "Table", description = "The users table (letters, digits and _; may be schema.table).")
    String table() default "switchboard_users";

    @AttributeDefinition(name = "User name column", description = "The column holding each user's login name (letters, digits and _).")
    String usernameColumn() default "username";

    @AttributeDefinition(name = "SCRAM-SHA-256 column", description = "scram-sha-256:iterations:salt:storedKey:serverKey")
    String scramSha256Column() default "scram_sha_256";

    @AttributeDefinition(name = "SCRAM-SHA-1 column", description = "scram-sha-1:iterations:salt:storedKey:serverKey")
    String scramSha1Column() default "scram_sha_1";

    @AttributeDefinition(name = "Disabled column", description = "The BOOLEAN column saying an account is disabled "
            + "(letters, digits and _), added to the table at first use when it is created by the server; empty: "
            + "the table has none, and accounts cannot be disabled.")
    String disabledColumn() default "disabled";

    @AttributeDefinition(name = "Create the table", description = "CREATE TABLE IF NOT EXISTS at first use.")
    boolean createTable() default true;

    @AttributeDefinition(name = "Connections", description = "Most connections open at once (and kept open between logins).")
    int poolSize() default 4;

    @AttributeDefinition(name = "Timeout (seconds)", description = "For connecting, waiting for a free connection and each query.")
    int timeoutSeconds() default 5;

    @AttributeDefinition(name = "Iterations", description = "PBKDF2 iterations for new or changed passwords (4096 at least). "
            + "Set io.switchboard.sasl.scram unknownUserIterations to the same, so that names without an account look alike.")
    int iterations() default SaltedCredential.DEFAULT_ITERATIONS;

    @AttributeDefinition(name = "Ranking", description = "Among several authentication providers, the highest ranking is "
            + "used; the users file has 0.")
    int service_ranking() default 20;
}
