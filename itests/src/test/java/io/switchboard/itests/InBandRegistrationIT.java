package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.inject.Inject;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.jxmpp.jid.parts.Localpart;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * XEP-0077 with Smack's AccountManager over TCP with STARTTLS: registration is off until the
 * operator turns it on; then a new user registers before logging in, and logs in; a user changes
 * their own password, and the next login needs the new one.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InBandRegistrationIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(InBandRegistrationIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1");
    }

    @Test
    public void registrationIsOffUntilTurnedOnThenANewUserRegistersAndLogsIn() throws Exception {
        try (SmackDesktop stranger = SmackDesktop.over(SmackDesktop.Transport.STARTTLS, "stranger", null)) {
            stranger.connection.connect();
            AccountManager accounts = AccountManager.getInstance(stranger.connection);
            assertFalse("not offered in the stream features",
                    stranger.connection.hasFeature("register", "http://jabber.org/features/iq-register"));
            XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                    () -> accounts.createAccount(Localpart.from("stranger"), "pw-1"));
            assertEquals(StanzaError.Condition.service_unavailable, refused.getStanzaError().getCondition());
        }

        Path config = SwitchboardOptions.work().resolve("config/io.switchboard.accounts.registration.cfg");
        SwitchboardOptions.write(config, "registration = true");
        try {
            await("registration is offered").ignoreExceptions().until(() -> {
                try (SmackDesktop probe = SmackDesktop.over(SmackDesktop.Transport.STARTTLS, "probe", null)) {
                    probe.connection.connect();
                    return AccountManager.getInstance(probe.connection).supportsAccountCreation();
                }
            });
            try (SmackDesktop newcomer = SmackDesktop.over(SmackDesktop.Transport.STARTTLS, "newcomer", null)) {
                newcomer.connection.connect();
                AccountManager.getInstance(newcomer.connection).createAccount(Localpart.from("newcomer"), "pw-1");
                newcomer.connection.login("newcomer", "pw-1");
                assertTrue(newcomer.pingServer());
            }
            try (SmackDesktop again = SmackDesktop.over(SmackDesktop.Transport.STARTTLS, "again", null)) {
                again.connection.connect();
                XMPPErrorException taken = assertThrows(XMPPErrorException.class,
                        () -> AccountManager.getInstance(again.connection).createAccount(Localpart.from("newcomer"), "pw-2"));
                assertEquals(StanzaError.Condition.conflict, taken.getStanzaError().getCondition());
            }
        } finally {
            Files.delete(config);
        }
        assertEquals("success", RawXmppClient.plainLogin("newcomer", "pw-1"));
    }

    @Test
    public void aUserChangesTheirPasswordAndTheNextLoginNeedsTheNewOne() throws Exception {
        Server.addUsers(context, "changer");
        try (SmackDesktop changer = SmackDesktop.over(SmackDesktop.Transport.STARTTLS, "changer", null).login()) {
            AccountManager.getInstance(changer.connection).changePassword("a-new-pw");
        }

        assertEquals("success", RawXmppClient.plainLogin("changer", "a-new-pw"));
        assertEquals("not-authorized", RawXmppClient.plainLogin("changer", SwitchboardOptions.PASSWORD));
    }
}
