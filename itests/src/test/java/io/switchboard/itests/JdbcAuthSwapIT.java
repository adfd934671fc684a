package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.PASSWORD;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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

/**
 * An operator moves the users into a database while 50 users are logged in through the users file:
 * configuring auth-jdbc (it ships in the distribution, inactive) makes the database decide the next
 * login, through H2's DataSourceFactory; removing the configuration gives the next login back to the
 * file. No live session notices either change.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JdbcAuthSwapIT {

    private static final String DATABASE_PASSWORD = "from-the-database";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(JdbcAuthSwapIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent2");
    }

    @Test
    public void configuringTheDatabaseMovesTheNextLoginThereAndRemovingItMovesItBack() throws Exception {
        try (LiveSessions live = LiveSessions.login(context, "desk", 50)) {
            assertEquals("the database provider is inactive until configured", 0, Server.authProviders(context, "jdbc"));

            Path config = SwitchboardOptions.work().resolve("config/io.switchboard.auth.jdbc.cfg");
            SwitchboardOptions.write(config, "url = jdbc:h2:" + SwitchboardOptions.work().resolve("data/switchboard-users"));
            await("the database provider is up").until(() -> Server.authProviders(context, "jdbc") == 1);
            assertEquals("Added agent1 to the database", Server.gogoOnceThere(context, "jdbcusers:adduser agent1 " + DATABASE_PASSWORD));
            assertTrue(Server.gogo(context, "jdbcusers:users").contains("agent1"));

            await("the database decides").until(() -> "success".equals(RawXmppClient.plainLogin("agent1", DATABASE_PASSWORD)));
            assertEquals("not-authorized", RawXmppClient.plainLogin("agent1", PASSWORD));
            assertEquals("a user only in the file is unknown to the database", "not-authorized",
                    RawXmppClient.plainLogin("agent2", PASSWORD));
            live.pingAll("while-the-database");

            Files.delete(config);
            await("the database provider is gone").until(() -> Server.authProviders(context, "jdbc") == 0);
            await("the file decides again").until(() -> "success".equals(RawXmppClient.plainLogin("agent1", PASSWORD)));
            assertEquals("not-authorized", RawXmppClient.plainLogin("agent1", DATABASE_PASSWORD));
            live.pingAll("after-the-database");
        }
    }
}
