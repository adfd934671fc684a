package io.switchboard.sasl.impl;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.Test;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.auth.ScramCredential;
import io.switchboard.api.sasl.SaslExchange;
import io.switchboard.api.sasl.SaslStep;
import io.switchboard.testing.RecordingNegotiation;

/**
 * SCRAM from the client's side, computed here as RFC 5802 says, against the server's exchange:
 * a store that keeps only StoredKey and ServerKey for user "user" with password "pencil".
 */
public class ScramMechanismTest {

    private static final String DOMAIN = "example.com";
    private static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");

    private static final UnknownUserSalts SALTS = new UnknownUserSalts(new byte[32]);

    private final RecordingNegotiation stream = new RecordingNegotiation(DOMAIN);

    /** A client that knows a password, for one mechanism. */
    private static final class Client {
        final String hmac;
        final String digest;
        final String pbkdf2;
        final int keyBits;
        String clientFirstBare;
        byte[] saltedPassword;
        String authMessage;

        Client(String mechanism) {
            boolean sha256 = ScramCredential.SHA_256.equals(mechanism);
            hmac = sha256 ? "HmacSHA256" : "HmacSHA1";
            digest = sha256 ? "SHA-256" : "SHA-1";
            pbkdf2 = sha256 ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA1";
            keyBits = sha256 ? 256 : 160;
        }

        byte[] first(String gs2Header, String user) {
            clientFirstBare = "n=" + user + ",r=rOprNGfwEbeRWgbNEkqO";
            return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
        }

        /** The client-final message answering the server-first one, proving this password. */
        byte[] last(String gs2Header, byte[] serverFirst, String password) throws Exception {
            String challenge = new String(serverFirst, StandardCharsets.UTF_8);
            Map<String, String> fields = fields(challenge);
            saltedPassword = salted(password, Base64.getDecoder().decode(fields.get("s")), Integer.parseInt(fields.get("i")));
            String withoutProof = "c=" + Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8))
                    + ",r=" + fields.get("r");
            authMessage = clientFirstBare + "," + challenge + "," + withoutProof;
            byte[] clientKey = hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.UTF_8));
            byte[] signature = hmac(MessageDigest.getInstance(digest).digest(clientKey), authMessage.getBytes(StandardCharsets.UTF_8));
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        }

        /** What the server must send in its final message. */
        String expectedServerFinal() throws Exception {
            byte[] serverKey = hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.UTF_8));
            return "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8)));
        }

        byte[] salted(String password, byte[] salt, int iterations) throws Exception {
            return SecretKeyFactory.getInstance(pbkdf2)
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, keyBits)).getEncoded();
        }

        byte[] hmac(byte[] key, byte[] data) throws Exception {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(data);
        }

        /** The store's side: what a provider keeps for "pencil". */
        ScramCredential credential(String mechanism) throws Exception {
            byte[] salted = salted("pencil", SALT, 4096);
            byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.UTF_8));
            return new ScramCredential(mechanism, 4096, SALT, MessageDigest.getInstance(digest).digest(clientKey),
                    hmac(salted, "Server Key".getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static Map<String, String> fields(String message) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String field : message.split(",")) {
            fields.put(field.substring(0, 1), field.substring(2));
        }
        return fields;
    }

    /** A store that has "user" (password "pencil") with credentials for both SCRAM hashes. */
    private static AuthProvider store() throws Exception {
        Map<String, ScramCredential> credentials = Map.of(
                ScramCredential.SHA_256, new Client(ScramCredential.SHA_256).credential(ScramCredential.SHA_256),
                ScramCredential.SHA_1, new Client(ScramCredential.SHA_1).credential(ScramCredential.SHA_1));
        return new AuthProvider() {
            @Override
            public boolean authenticate(String username, String password) {
                return "user".equals(username) && "pencil".equals(password);
            }

            @Override
            public boolean exists(String username) {
                return "user".equals(username);
            }

            @Override
            public Set<String> scramMechanisms() {
                return credentials.keySet();
            }

            @Override
            public Optional<ScramCredential> scramCredential(String username, String mechanism) {
                return "user".equals(username) ? Optional.ofNullable(credentials.get(mechanism)) : Optional.empty();
            }
        };
    }

    private SaslStep login(ScramMechanism mechanism, String gs2Header, String user, String password) throws Exception {
        Client client = new Client(ScramCredential.SHA_256.equals(nameOf(mechanism)) ? ScramCredential.SHA_256 : ScramCredential.SHA_1);
        SaslExchange exchange = mechanism.start(stream, store());
        SaslStep serverFirst = exchange.evaluate(client.first(gs2Header, user));
        assertTrue("server-first is a challenge", serverFirst.isChallenge());
        SaslStep outcome = exchange.evaluate(client.last(gs2Header, serverFirst.data(), password));
        if (outcome.isSuccess()) {
            assertEquals("the server proves it knows the stored key", client.expectedServerFinal(),
                    new String(outcome.data(), StandardCharsets.UTF_8));
        }
        return outcome;
    }

    private static String nameOf(ScramMechanism mechanism) {
        return mechanism instanceof ScramSha256Mechanism ? ScramCredential.SHA_256 : ScramCredential.SHA_1;
    }

    @Test
    public void scramSha256LogsInWithTheRightPasswordAndProvesTheServer() throws Exception {
        SaslStep outcome = login(new ScramSha256Mechanism(SALTS), "n,,", "user", "pencil");

        assertTrue(outcome.isSuccess());
        assertEquals("user", outcome.username());
    }

    @Test
    public void scramSha1LogsInWithTheRightPassword() throws Exception {
        assertTrue(login(new ScramSha1Mechanism(SALTS), "n,,", "user", "pencil").isSuccess());
    }

    @Test
    public void theWrongPasswordIsNotAuthorized() throws Exception {
        assertEquals("not-authorized", login(new ScramSha256Mechanism(SALTS), "n,,", "user", "pen").failure());
    }

    @Test
    public void anUnknownUserGetsAChallengeLikeAnyoneAndFailsAtTheEnd() throws Exception {
        assertEquals("not-authorized", login(new ScramSha256Mechanism(SALTS), "n,,", "nobody", "pencil").failure());
    }

    @Test
    public void anUnknownUsersSaltIsTheSameOnEveryTryAndNotAnothersSalt() throws Exception {
        String first = saltOffered("nobody");

        assertEquals("asking twice tells nothing", first, saltOffered("nobody"));
        assertNotEquals(first, saltOffered("somebody"));
        assertNotEquals("nor another secret's", first, saltOffered("nobody", new ScramSha256Mechanism(new UnknownUserSalts(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}))));
    }

    @Test
    public void anUnknownNameIsAnsweredInTheShapeOfARealUsersChallenge() throws Exception {
        Map<String, String> real = serverFirst("user", new ScramSha256Mechanism(SALTS));
        Map<String, String> unknown = serverFirst("nobody", new ScramSha256Mechanism(SALTS));

        assertEquals(real.keySet(), unknown.keySet());
        assertEquals(SALT.length, Base64.getDecoder().decode(unknown.get("s")).length);
        assertEquals(real.get("i"), unknown.get("i"));
        assertEquals(real.get("r").length(), unknown.get("r").length());
        assertEquals("the iterations configured for the provider's credentials", "10000",
                serverFirst("nobody", new ScramSha256Mechanism(new UnknownUserSalts(new byte[32], 10_000))).get("i"));
    }

    private Map<String, String> serverFirst(String user, ScramMechanism mechanism) throws Exception {
        SaslStep step = mechanism.start(stream, store()).evaluate(("n,,n=" + user + ",r=abc").getBytes(StandardCharsets.UTF_8));
        return fields(new String(step.data(), StandardCharsets.UTF_8));
    }

    private String saltOffered(String user) throws Exception {
        return saltOffered(user, new ScramSha256Mechanism(SALTS));
    }

    /** The s= of the server-first message the mechanism answers that user's client-first with. */
    private String saltOffered(String user, ScramMechanism mechanism) throws Exception {
        SaslStep serverFirst = mechanism.start(stream, store()).evaluate(("n,,n=" + user + ",r=abc").getBytes(StandardCharsets.UTF_8));
        String challenge = new String(serverFirst.data(), StandardCharsets.UTF_8);
        return challenge.split(",")[1];
    }

    @Test
    public void theUsersOwnBareJidAsAuthzidIsAccepted() throws Exception {
        assertTrue(login(new ScramSha256Mechanism(SALTS), "n,a=user@example.com,", "user", "pencil").isSuccess());
    }

    @Test
    public void anotherUsersAuthzidIsRefused() throws Exception {
        SaslExchange exchange = new ScramSha256Mechanism(SALTS).start(stream, store());

        SaslStep step = exchange.evaluate("n,a=boss@example.com,n=user,r=abc".getBytes(StandardCharsets.UTF_8));

        assertEquals("invalid-authzid", step.failure());
    }

    @Test
    public void channelBindingIsNotOffered() throws Exception {
        SaslExchange exchange = new ScramSha256Mechanism(SALTS).start(stream, store());

        SaslStep step = exchange.evaluate("p=tls-unique,,n=user,r=abc".getBytes(StandardCharsets.UTF_8));

        assertEquals("malformed-request", step.failure());
    }

    @Test
    public void aClientFirstMessageWithoutNonceIsMalformed() throws Exception {
        SaslExchange exchange = new ScramSha256Mechanism(SALTS).start(stream, store());

        assertEquals("malformed-request", exchange.evaluate("n,,n=user".getBytes(StandardCharsets.UTF_8)).failure());
    }

    @Test
    public void aClientFinalMessageWithAnotherNonceIsNotAuthorized() throws Exception {
        Client client = new Client(ScramCredential.SHA_256);
        SaslExchange exchange = new ScramSha256Mechanism(SALTS).start(stream, store());
        SaslStep serverFirst = exchange.evaluate(client.first("n,,", "user"));
        String forged = new String(client.last("n,,", serverFirst.data(), "pencil"), StandardCharsets.UTF_8)
                .replaceFirst(",r=[^,]+", ",r=someoneelse");

        assertEquals("not-authorized", exchange.evaluate(forged.getBytes(StandardCharsets.UTF_8)).failure());
    }

    @Test
    public void aClientFinalMessageWithTheWrongChannelBindingIsMalformed() throws Exception {
        Client client = new Client(ScramCredential.SHA_256);
        SaslExchange exchange = new ScramSha256Mechanism(SALTS).start(stream, store());
        SaslStep serverFirst = exchange.evaluate(client.first("n,,", "user"));
        String forged = new String(client.last("n,,", serverFirst.data(), "pencil"), StandardCharsets.UTF_8)
                .replaceFirst("^c=[^,]+", "c=eSws");

        assertEquals("malformed-request", exchange.evaluate(forged.getBytes(StandardCharsets.UTF_8)).failure());
    }

    @Test
    public void theServerFirstMessageCarriesTheStoredSaltAndIterationsAndExtendsTheNonce() throws Exception {
        SaslExchange exchange = new ScramSha256Mechanism(SALTS).start(stream, store());

        Map<String, String> serverFirst = fields(new String(
                exchange.evaluate("n,,n=user,r=abc".getBytes(StandardCharsets.UTF_8)).data(), StandardCharsets.UTF_8));

        assertArrayEquals(SALT, Base64.getDecoder().decode(serverFirst.get("s")));
        assertEquals("4096", serverFirst.get("i"));
        assertTrue(serverFirst.get("r").startsWith("abc") && serverFirst.get("r").length() > 3);
    }

    @Test
    public void scramIsOfferedOnlyWhenTheProviderKeepsItsCredentials() throws Exception {
        AuthProvider plainOnly = new AuthProvider() {
            @Override
            public boolean authenticate(String username, String password) {
                return false;
            }

            @Override
            public boolean exists(String username) {
                return false;
            }
        };

        assertTrue(new ScramSha256Mechanism(SALTS).isOffered(stream, store()));
        assertFalse(new ScramSha256Mechanism(SALTS).isOffered(stream, plainOnly));
    }

    @Test
    public void plainIsOfferedOverTlsAndLoopbackOnlyUnlessConfigured() throws Exception {
        PlainMechanism plain = new PlainMechanism(Configs.plainWithoutTls(false));
        stream.secure = false;
        assertFalse("plaintext from another host", plain.isOffered(stream, store()));
        stream.loopback = true;
        assertTrue("loopback, for development", plain.isOffered(stream, store()));
        stream.loopback = false;
        stream.secure = true;
        assertTrue("over TLS", plain.isOffered(stream, store()));
        stream.secure = false;
        assertTrue("when the operator allows it", new PlainMechanism(Configs.plainWithoutTls(true)).isOffered(stream, store()));
    }
}
