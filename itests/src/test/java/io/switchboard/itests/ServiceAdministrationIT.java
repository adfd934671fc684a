package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.admin.ServiceAdministrationManager;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandResult;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * XEP-0133 from Smack 4.5's own client code, as the Smack integration test framework creates its
 * accounts: an administrator adds a user who then logs in, deletes one, disables one (whose
 * session ends and whose next login is refused), and is told not-allowed, naming the provider,
 * while a provider that cannot write is active; anyone else is forbidden.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServiceAdministrationIT {

    private static final String ADMIN = "admin@" + SwitchboardOptions.DOMAIN;
    private static final String SECRET = "a shared secret of at least 32 characters";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(ServiceAdministrationIT.class,
                Map.of("io.switchboard.accounts.admin", List.of("admins = [ \"" + ADMIN + "\" ]")));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "admin", "agent1", "agent2", "agent3");
    }

    @Test
    public void anAdminAddsAUserWithSmacksServiceAdministrationAndThatUserLogsIn() throws Exception {
        try (SmackDesktop admin = SmackDesktop.of("admin").login()) {
            ServiceAdministrationManager.getInstanceFor(admin.connection).addUser(jid("newcomer"), "s3cret-Pw");
        }

        try (SmackDesktop newcomer = SmackDesktop.of("newcomer")) {
            newcomer.connection.connect().login("newcomer", "s3cret-Pw");
            assertTrue(newcomer.pingServer());
        }
        assertEquals("not-authorized", RawXmppClient.plainLogin("newcomer", SwitchboardOptions.PASSWORD));
    }

    @Test
    public void anAdminDeletesAUserWhoCanNoLongerLogIn() throws Exception {
        Server.addUsers(context, "leaver");
        try (SmackDesktop admin = SmackDesktop.of("admin").login()) {
            ServiceAdministrationManager.getInstanceFor(admin.connection).deleteUser(jid("leaver"));
        }

        assertEquals("not-authorized", RawXmppClient.plainLogin("leaver", SwitchboardOptions.PASSWORD));
    }

    @Test
    public void theCommandsAreListedToAdminsOnlyAndRefusedToOthers() throws Exception {
        try (SmackDesktop admin = SmackDesktop.of("admin").login(); SmackDesktop agent = SmackDesktop.of("agent2").login()) {
            DiscoverItems listed = AdHocCommandManager.getInstance(admin.connection).discoverCommands(domain());
            assertTrue(listed.getItems().stream().anyMatch(item -> "http://jabber.org/protocol/admin#add-user".equals(item.getNode())));
            assertTrue(AdHocCommandManager.getInstance(agent.connection).discoverCommands(domain()).getItems().isEmpty());

            XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                    () -> ServiceAdministrationManager.getInstanceFor(agent.connection).addUser(jid("intruder"), "pw"));
            assertEquals(StanzaError.Condition.forbidden, refused.getStanzaError().getCondition());
        }
        assertEquals("not-authorized", RawXmppClient.plainLogin("intruder", "pw"));
    }

    @Test
    public void disableUserEndsTheSessionAndRefusesTheNextLoginUntilReenabled() throws Exception {
        try (SmackDesktop admin = SmackDesktop.of("admin").login(); SmackDesktop agent = SmackDesktop.of("agent1").login()) {
            AdHocCommandResult disabled = run(admin, "disable-user", "accountjids", "agent1@" + SwitchboardOptions.DOMAIN);
            assertTrue(disabled.isCompleted());

            await("agent1's session ends").until(() -> !agent.connection.isConnected());
            assertEquals("account-disabled", RawXmppClient.plainLogin("agent1", SwitchboardOptions.PASSWORD));
            assertEquals("a wrong password is told no more than that",
                    "not-authorized", RawXmppClient.plainLogin("agent1", "wrong"));

            assertTrue(run(admin, "reenable-user", "accountjids", "agent1@" + SwitchboardOptions.DOMAIN).isCompleted());
            assertEquals("success", RawXmppClient.plainLogin("agent1", SwitchboardOptions.PASSWORD));
        }
    }

    @Test
    public void changeUserPasswordTakesEffectForTheNextLogin() throws Exception {
        try (SmackDesktop admin = SmackDesktop.of("admin").login()) {
            AdHocCommand command = AdHocCommandManager.getInstance(admin.connection)
                    .getRemoteCommand(domain(), "http://jabber.org/protocol/admin#change-user-password");
            FillableForm form = command.execute().asExecutingOrThrow().getFillableForm();
            form.setAnswer("accountjid", "agent3@" + SwitchboardOptions.DOMAIN);
            form.setAnswer("password", "a-new-one");
            assertTrue(command.execute(form).isCompleted());
        }
        assertEquals("success", RawXmppClient.plainLogin("agent3", "a-new-one"));
        assertEquals("not-authorized", RawXmppClient.plainLogin("agent3", SwitchboardOptions.PASSWORD));
    }

    @Test
    public void withAProviderThatCannotWriteActiveTheCommandIsNotAllowed() throws Exception {
        Path tokenConfig = SwitchboardOptions.work().resolve("config/io.switchboard.auth.token.cfg");
        try (SmackDesktop admin = SmackDesktop.of("admin").login()) {
            SwitchboardOptions.write(tokenConfig, "secret = " + SECRET); // outranks the users file
            await("the token provider is active").until(() -> "not-authorized".equals(
                    RawXmppClient.plainLogin("agent2", SwitchboardOptions.PASSWORD)));

            XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                    () -> ServiceAdministrationManager.getInstanceFor(admin.connection).addUser(jid("nobody"), "pw"));
            assertEquals(StanzaError.Condition.not_allowed, refused.getStanzaError().getCondition());
            assertTrue(refused.getStanzaError().getDescriptiveText(), refused.getStanzaError().getDescriptiveText().contains("token"));
        } finally {
            Files.deleteIfExists(tokenConfig);
        }
        await("the users file is active again").until(() -> "success".equals(
                RawXmppClient.plainLogin("agent2", SwitchboardOptions.PASSWORD)));
        assertFalse("nobody was created", "success".equals(RawXmppClient.plainLogin("nobody", "pw")));
    }

    private static AdHocCommandResult run(SmackDesktop admin, String command, String field, String value) throws Exception {
        AdHocCommand remote = AdHocCommandManager.getInstance(admin.connection)
                .getRemoteCommand(domain(), "http://jabber.org/protocol/admin#" + command);
        FillableForm form = remote.execute().asExecutingOrThrow().getFillableForm();
        form.setAnswer(field, List.of(value));
        return remote.execute(form);
    }

    private static EntityBareJid jid(String user) throws Exception {
        return JidCreate.entityBareFrom(user + "@" + SwitchboardOptions.DOMAIN);
    }

    private static org.jxmpp.jid.DomainBareJid domain() throws Exception {
        return JidCreate.domainBareFrom(SwitchboardOptions.DOMAIN);
    }
}
