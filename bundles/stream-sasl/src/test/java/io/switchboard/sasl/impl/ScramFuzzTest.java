package io.switchboard.sasl.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.auth.ScramCredential;
import io.switchboard.api.sasl.SaslExchange;
import io.switchboard.api.sasl.SaslStep;
import io.switchboard.testing.RecordingNegotiation;

/**
 * Any client-first and client-final message: SaslExchange.evaluate answers a step, a challenge
 * only after client-first, and never throws (SaslFeature has no catch for it). Without the
 * password no proof can be right, so nothing succeeds. In client-final, "{nonce}" stands for the
 * nonce the server chose, so that the fuzzer gets past the nonce check to the proof. Each input
 * is client-first, a newline, client-final; the corpus is ScramFuzzTestInputs.
 */
class ScramFuzzTest {

    private static final Set<String> CONDITIONS = Set.of("malformed-request", "not-authorized", "invalid-authzid",
            "incorrect-encoding");
    private static final UnknownUserSalts SALTS = new UnknownUserSalts(new byte[32]);
    /** "user" has credentials whose keys no password makes. */
    private static final AuthProvider PROVIDER = new AuthProvider() {
        @Override
        public boolean authenticate(String username, String password) {
            return false;
        }

        @Override
        public boolean exists(String username) {
            return "user".equals(username);
        }

        @Override
        public Set<String> scramMechanisms() {
            return Set.of(ScramCredential.SHA_256, ScramCredential.SHA_1);
        }

        @Override
        public Optional<ScramCredential> scramCredential(String username, String mechanism) {
            int length = ScramCredential.SHA_256.equals(mechanism) ? 32 : 20;
            return "user".equals(username)
                    ? Optional.of(new ScramCredential(mechanism, 4096, new byte[16], new byte[length], new byte[length]))
                    : Optional.empty();
        }
    };

    @FuzzTest(maxDuration = "10m")
    void messagesGetAnAnswerNeverAnException(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String clientFirst = newline < 0 ? text : text.substring(0, newline);
        String clientFinal = newline < 0 ? "" : text.substring(newline + 1);
        exchange(new ScramSha256Mechanism(SALTS), clientFirst, clientFinal);
        exchange(new ScramSha1Mechanism(SALTS), clientFirst, clientFinal);
    }

    private static void exchange(ScramMechanism mechanism, String clientFirst, String clientFinal) {
        SaslExchange exchange = mechanism.start(new RecordingNegotiation("example.com"), PROVIDER);

        SaslStep serverFirst = exchange.evaluate(clientFirst.getBytes(StandardCharsets.UTF_8));
        assertNotNull(serverFirst);
        assertFalse(serverFirst.isSuccess(), "client-first never ends in success");
        if (!serverFirst.isChallenge()) {
            assertTrue(CONDITIONS.contains(serverFirst.failure()), serverFirst.failure());
            return;
        }
        String nonce = new String(serverFirst.data(), StandardCharsets.UTF_8).split(",")[0].substring(2);
        SaslStep outcome = exchange.evaluate(clientFinal.replace("{nonce}", nonce).getBytes(StandardCharsets.UTF_8));
        assertNotNull(outcome);
        assertFalse(outcome.isChallenge(), "SCRAM has two rounds");
        assertFalse(outcome.isSuccess(), "a proof without the password");
        assertTrue(CONDITIONS.contains(outcome.failure()), outcome.failure());
    }
}
