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
 * their own password, and the next login needs the new one; a password is prepared with SASLprep
 * (RFC 4013), so SCRAM and PLAIN accept it in any form that prepares the same, and one SASLprep
 * prohibits is refused.
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

    @Test
    public void aPasswordSetInAnUnpreparedFormLogsInWithScramAndPlainAsItsSaslprepForm() throws Exception {
        Server.addUsers(context, "roman");
        // RFC 4013 3: the soft hyphen maps to nothing, U+2168 (Roman numeral nine) to "IX": "IXIX" once prepared
        try (SmackDesktop roman = SmackDesktop.over(SmackDesktop.Transport.STARTTLS, "roman", null).login()) {
            AccountManager.getInstance(roman.connection).changePassword("I\u00ADX\u2168");
        }

        // a SCRAM client hashes the prepared password: ours is handed it prepared, Smack's SCRAM-SHA-1 applies NFKC itself
        for (String[] mechanismAndPassword : new String[][] {{ScramSha256ForSmack.NAME, "IXIX"}, {"SCRAM-SHA-1", "IX\u2168"}}) {
            try (SmackDesktop desktop = SmackDesktop.over(SmackDesktop.Transport.STARTTLS, "roman", mechanismAndPassword[0])) {
                desktop.connection.connect();
                desktop.connection.login("roman", mechanismAndPassword[1]);
                assertEquals(mechanismAndPassword[0], desktop.connection.getUsedSaslMechansism());
                assertTrue(desktop.pingServer());
            }
        }
        // PLAIN carries the password as typed: the server prepares it
        assertEquals("success", RawXmppClient.plainLogin("roman", "\u2168I\u00ADX"));
        assertEquals("success", RawXmppClient.plainLogin("roman", "IXIX"));
        assertEquals("not-authorized", RawXmppClient.plainLogin("roman", "IX"));
    }

    @Test
    public void aPasswordSaslprepProhibitsIsNotAcceptableWithTheReasonAndTheOldOneStays() throws Exception {
        Server.addUsers(context, "keeper");
        try (SmackDesktop keeper = SmackDesktop.over(SmackDesktop.Transport.STARTTLS, "keeper", null).login()) {
            // U+E000 is for private use, which SASLprep prohibits (RFC 4013 2.3, RFC 3454 C.3)
            XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                    () -> AccountManager.getInstance(keeper.connection).changePassword("a\uE000b"));
            assertEquals(StanzaError.Condition.not_acceptable, refused.getStanzaError().getCondition());
            assertTrue(refused.getStanzaError().getDescriptiveText(), refused.getStanzaError().getDescriptiveText().contains("SASLprep"));
        }

        assertEquals("success", RawXmppClient.plainLogin("keeper", SwitchboardOptions.PASSWORD));
    }
}
