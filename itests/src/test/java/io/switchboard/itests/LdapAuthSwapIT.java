package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.PASSWORD;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;

import java.net.InetAddress;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;

/**
 * An operator points logins at a directory while 50 users are logged in through the users file:
 * configuring auth-ldap makes a bind to the directory (an in-memory LDAP server this test starts,
 * reached over a real socket) decide the next login; stopping the bundle gives it back to the file.
 * No live session notices either change.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LdapAuthSwapIT {

    private static final String BASE = "ou=people,dc=example,dc=com";
    private static final String DIRECTORY_PASSWORD = "from-the-directory";

    @Inject
    private BundleContext context;

    private InMemoryDirectoryServer directory;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(LdapAuthSwapIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent2");

        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
        directory.add("dn: " + BASE, "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: uid=agent1," + BASE, "objectClass: inetOrgPerson", "uid: agent1", "cn: Agent One", "sn: One",
                "userPassword: " + DIRECTORY_PASSWORD);
        directory.startListening();
    }

    @After
    public void stopDirectory() {
        directory.shutDown(true);
    }

    @Test
    public void configuringTheDirectoryMovesTheNextLoginThereAndStoppingItMovesItBack() throws Exception {
        try (LiveSessions live = LiveSessions.login(context, "desk", 50)) {
            assertEquals("the directory provider is inactive until configured", 0, Server.authProviders(context, "ldap"));

            SwitchboardOptions.write(SwitchboardOptions.work().resolve("config/io.switchboard.auth.ldap.cfg"),
                    "url = ldap://127.0.0.1:" + directory.getListenPort(),
                    "baseDn = " + BASE,
                    "userFilter = (uid={0})");
            await("the directory provider is up").until(() -> Server.authProviders(context, "ldap") == 1);

            await("the directory decides").until(() -> "success".equals(RawXmppClient.plainLogin("agent1", DIRECTORY_PASSWORD)));
            assertEquals("not-authorized", RawXmppClient.plainLogin("agent1", PASSWORD));
            assertEquals("a user only in the file is unknown to the directory", "not-authorized",
                    RawXmppClient.plainLogin("agent2", PASSWORD));
            live.pingAll("while-the-directory");

            // the directory goes down: logins fail for now, not for good, and sessions stay
            directory.shutDown(true);
            assertEquals("temporary-auth-failure", RawXmppClient.plainLogin("agent1", DIRECTORY_PASSWORD));
            live.pingAll("while-the-directory-is-down");

            Bundle ldap = Server.bundle(context, "io.switchboard.auth-ldap");
            ldap.stop();
            await("the file decides again").until(() -> "success".equals(RawXmppClient.plainLogin("agent1", PASSWORD)));
            assertEquals("not-authorized", RawXmppClient.plainLogin("agent1", DIRECTORY_PASSWORD));
            live.pingAll("after-the-directory");
        }
    }
}
