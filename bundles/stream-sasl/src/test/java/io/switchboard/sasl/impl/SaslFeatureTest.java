package io.switchboard.sasl.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.xmpp.packet.StreamError;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.auth.AuthStoreUnavailableException;
import io.switchboard.api.sasl.SaslMechanism;
import io.switchboard.testing.RecordingNegotiation;

public class SaslFeatureTest {

    private static final String NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String DOMAIN = "example.com";

    private SaslFeature sasl;
    private RecordingNegotiation stream;
    private InMemoryAuthProvider users;

    @Before
    public void setUp() {
        users = new InMemoryAuthProvider().with("alice", "secret");
        sasl = new SaslFeature(new LoginProtection(Configs.protection()), new DelayedAnswers());
        sasl.setAuthProvider(users);
        sasl.addMechanism(new PlainMechanism(Configs.plainWithoutTls(false)),
                Map.of(SaslMechanism.NAME, "PLAIN", Constants.SERVICE_RANKING, 100));
        stream = new RecordingNegotiation(DOMAIN);
    }

    // ---- advertising ----------------------------------------------------------------------------

    @Test
    public void advertisesPlainInTheSaslNamespace() {
        Element mechanisms = sasl.advertise(stream);

        assertSasl("mechanisms", mechanisms);
        List<Element> offered = mechanisms.elements();
        assertEquals(1, offered.size());
        assertSasl("mechanism", offered.get(0));
        assertEquals("PLAIN", offered.get(0).getText());
    }

    // ---- PLAIN with an initial response ---------------------------------------------------------

    @Test
    public void plainWithEmptyAuthzidSucceeds() {
        authPlain("", "alice", "secret");

        assertSuccess("alice");
    }

    @Test
    public void plainWithTheUsersOwnBareJidAsAuthzidSucceeds() {
        authPlain("alice@example.com", "alice", "secret");

        assertSuccess("alice");
    }

    @Test
    public void finesseReferenceCredentialSucceeds() {
        // from a Finesse desktop trace: "administrator@uccxpub.prabhat.com\0administrator\01234"
        RecordingNegotiation finesse = new RecordingNegotiation("uccxpub.prabhat.com");
        sasl.setAuthProvider(new InMemoryAuthProvider().with("administrator", "1234"));

        sasl.process(auth("PLAIN", "YWRtaW5pc3RyYXRvckB1Y2N4cHViLnByYWJoYXQuY29tAGFkbWluaXN0cmF0b3IAMTIzNA=="), finesse);

        assertSasl("success", finesse.takeSent());
        assertEquals("administrator", finesse.authenticatedAs);
    }

    @Test
    public void authzidOfAnotherUserFailsWithInvalidAuthzid() {
        authPlain("bob@example.com", "alice", "secret");

        assertFailure("invalid-authzid");
        assertTrue("the password is not even checked", users.asked.isEmpty());
    }

    @Test
    public void wrongPasswordFailsWithNotAuthorized() {
        authPlain("", "alice", "guess");

        assertFailure("not-authorized");
    }

    @Test
    public void unknownUserFailsWithNotAuthorized() {
        authPlain("", "mallory", "secret");

        assertFailure("not-authorized");
    }

    @Test
    public void aDisabledAccountWithTheRightPasswordFailsWithAccountDisabled() {
        sasl.setAuthProvider(new DisablingProvider(users, "alice"));

        authPlain("", "alice", "secret");

        assertFailure("account-disabled");
        assertNull(stream.authenticatedAs);
    }

    @Test
    public void aDisabledAccountWithAWrongPasswordIsNotToldItIsDisabled() {
        sasl.setAuthProvider(new DisablingProvider(users, "alice"));

        authPlain("", "alice", "guess");

        assertFailure("not-authorized");
    }

    @Test
    public void anAccountStoreThatDisablesSomeoneElseLetsAliceIn() {
        sasl.setAuthProvider(new DisablingProvider(users, "bob"));

        authPlain("", "alice", "secret");

        assertSuccess("alice");
    }

    @Test
    public void badBase64FailsWithIncorrectEncoding() {
        sasl.process(auth("PLAIN", "not*base64!"), stream);

        assertFailure("incorrect-encoding");
    }

    @Test
    public void messageWithTwoPartsFailsWithMalformedRequest() {
        sasl.process(auth("PLAIN", base64("alice\0secret")), stream);

        assertFailure("malformed-request");
    }

    @Test
    public void messageWithFourPartsFailsWithMalformedRequest() {
        sasl.process(auth("PLAIN", base64("\0alice\0secret\0more")), stream);

        assertFailure("malformed-request");
    }

    @Test
    public void unknownMechanismFailsWithInvalidMechanism() {
        sasl.process(auth("SCRAM-SHA-1", base64("n,,n=alice,r=abc")), stream);

        assertFailure("invalid-mechanism");
    }

    @Test
    public void authWithoutMechanismFailsWithInvalidMechanism() {
        sasl.process(auth(null, plain("", "alice", "secret")), stream);

        assertFailure("invalid-mechanism");
    }

    @Test
    public void noAuthProviderFailsWithTemporaryAuthFailure() {
        sasl.setAuthProvider(null);

        authPlain("", "alice", "secret");

        assertFailure("temporary-auth-failure");
    }

    @Test
    public void failingAuthProviderFailsWithTemporaryAuthFailure() {
        sasl.setAuthProvider(new AuthProvider() {
            @Override
            public boolean authenticate(String username, String password) {
                throw new IllegalStateException("store unreachable");
            }

            @Override
            public boolean exists(String username) {
                return false;
            }
        });

        authPlain("", "alice", "secret");

        assertFailure("temporary-auth-failure");
    }

    @Test
    public void aStoreThatIsDownFailsLoginsForNowAndLocksNoAccount() {
        sasl.setAuthProvider(new AuthProvider() {
            @Override
            public boolean authenticate(String username, String password) {
                throw new AuthStoreUnavailableException("directory down", null);
            }

            @Override
            public boolean exists(String username) {
                return false;
            }
        });
        for (int attempt = 0; attempt < 6; attempt++) { // more than the lockout's 5 failures in a row
            stream = new RecordingNegotiation(DOMAIN);
            authPlain("", "alice", "secret");
            assertFailure("temporary-auth-failure");
        }

        sasl.setAuthProvider(users);
        stream = new RecordingNegotiation(DOMAIN);
        authPlain("", "alice", "secret");

        assertSuccess("alice");
    }

    // ---- PLAIN without an initial response (RFC 6120 6.4.2) -------------------------------------

    @Test
    public void emptyAuthGetsEmptyChallengeThenResponseCompletes() {
        sasl.process(auth("PLAIN", null), stream);

        Element challenge = stream.takeSent();
        assertSasl("challenge", challenge);
        assertTrue("the challenge is empty", challenge.content().isEmpty());
        assertNull(stream.authenticatedAs);

        sasl.process(sasl("response", plain("", "alice", "secret")), stream);

        assertSuccess("alice");
    }

    @Test
    public void responseWithoutAChallengeFailsWithMalformedRequest() {
        sasl.process(sasl("response", plain("", "alice", "secret")), stream);

        assertFailure("malformed-request");
    }

    @Test
    public void abortFailsWithAbortedAndForgetsTheChallenge() {
        sasl.process(auth("PLAIN", null), stream);
        stream.takeSent();

        sasl.process(sasl("abort", null), stream);
        assertFailure("aborted");

        // the exchange is over: a late response is not taken as an answer to the challenge
        sasl.process(sasl("response", plain("", "alice", "secret")), stream);
        assertFailure("malformed-request");
    }

    // ---- too many attempts (RFC 6120 6.4.5) -----------------------------------------------------

    @Test
    public void fiveFailuresEndTheStreamWithPolicyViolation() {
        for (int attempt = 1; attempt < SaslFeature.MAX_ATTEMPTS; attempt++) {
            authPlain("", "alice", "guess" + attempt);
            assertFailure("not-authorized");
            assertEquals("still open after attempt " + attempt, 0, stream.failCalls);
        }

        authPlain("", "alice", "guess5");

        assertFailure("not-authorized");
        assertEquals(1, stream.failCalls);
        assertEquals(StreamError.Condition.policy_violation, stream.failedWith);
    }

    @Test
    public void failuresOfAnyKindCountTowardsTheLimit() {
        sasl.process(auth("X-UNKNOWN", null), stream);
        sasl.process(auth("PLAIN", "***"), stream);
        sasl.process(auth("PLAIN", base64("no separators")), stream);
        sasl.process(sasl("abort", null), stream);
        assertEquals(0, stream.failCalls);

        authPlain("", "alice", "guess");

        assertEquals(StreamError.Condition.policy_violation, stream.failedWith);
    }

    @Test
    public void unexpectedSaslElementEndsTheStream() {
        sasl.process(sasl("success", null), stream);

        assertEquals(StreamError.Condition.not_authorized, stream.failedWith);
        assertTrue(stream.sent.isEmpty());
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The client sends {@code <auth mechanism='PLAIN'/>} with this initial response. */
    private void authPlain(String authzid, String authcid, String password) {
        sasl.process(auth("PLAIN", plain(authzid, authcid, password)), stream);
    }

    private static Element auth(String mechanism, String text) {
        Element auth = sasl("auth", text);
        if (mechanism != null) {
            auth.addAttribute("mechanism", mechanism);
        }
        return auth;
    }

    private static Element sasl(String name, String text) {
        Element element = DocumentHelper.createElement(QName.get(name, NS));
        if (text != null) {
            element.setText(text);
        }
        return element;
    }

    private static String plain(String authzid, String authcid, String password) {
        return base64(authzid + '\0' + authcid + '\0' + password);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void assertSuccess(String username) {
        assertSasl("success", stream.takeSent());
        assertEquals(username, stream.authenticatedAs);
        assertEquals(0, stream.failCalls);
    }

    /** A {@code <failure/>} whose only child is the condition, both in the SASL namespace. */
    private void assertFailure(String condition) {
        Element failure = stream.takeSent();
        assertSasl("failure", failure);
        List<Element> children = failure.elements();
        assertEquals(failure.asXML(), 1, children.size());
        assertSasl(condition, children.get(0));
        assertNull("a failed attempt authenticates nobody", stream.authenticatedAs);
    }

    private static void assertSasl(String name, Element element) {
        assertEquals(name, element.getName());
        assertEquals(element.asXML(), NS, element.getNamespaceURI());
    }

    /** A provider that is also an account store, with one account disabled. */
    private record DisablingProvider(InMemoryAuthProvider users, String disabled)
            implements io.switchboard.api.auth.AuthProvider, io.switchboard.api.accounts.AccountStore {
        @Override
        public boolean authenticate(String username, String password) {
            return users.authenticate(username, password);
        }

        @Override
        public boolean exists(String username) {
            return users.exists(username);
        }

        @Override
        public boolean create(String username, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String username) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean changePassword(String username, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean setDisabled(String username, boolean disabled) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isDisabled(String username) {
            return username.equals(disabled);
        }

        @Override
        public java.util.List<String> list() {
            return java.util.List.of();
        }
    }
}
