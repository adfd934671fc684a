package io.switchboard.credentials;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.Test;

public class SaltedCredentialTest {

    // RFC 7677 section 3: the SCRAM-SHA-256 example exchange
    private static final byte[] RFC_SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    private static final int RFC_ITERATIONS = 4096;
    private static final String CLIENT_FIRST_BARE = "n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL_WITHOUT_PROOF = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String AUTH_MESSAGE = CLIENT_FIRST_BARE + "," + SERVER_FIRST + "," + CLIENT_FINAL_WITHOUT_PROOF;
    private static final String RFC_CLIENT_PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String RFC_SERVER_SIGNATURE = "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private final SaltedCredential pencil = SaltedCredential.derive(SaltedCredential.Algorithm.SHA_256, "pencil", RFC_SALT, RFC_ITERATIONS);

    // ---- RFC 7677 -------------------------------------------------------------------------------

    @Test
    public void passwordsArePreparedWithSaslprepAsScramClientsDo() {
        // RFC 4013 3: a soft hyphen maps to nothing, U+00AA to "a" (NFKC), a non-ASCII space to a space
        SaltedCredential stored = SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "I\u00ADX \u00AA", 4096);

        assertTrue(stored.verify("IX a"));
        assertTrue(stored.verify("IX\u00A0\u00AA"));
        assertFalse(stored.verify("IX b"));
        assertFalse("a control character is prohibited, never a match", stored.verify("IX\u0007a"));
        assertFalse(SaltedCredential.preparable("IX\u0007a"));
    }

    @Test
    public void theRfc4013ExamplesPrepareAsTheRfcSays() {
        // RFC 4013 3, examples 1 to 5: each password matches its prepared form, and only that
        String[][] examples = {{"I\u00ADX", "IX"}, {"user", "user"}, {"USER", "USER"}, {"\u00AA", "a"}, {"\u2168", "IX"}};
        for (String[] example : examples) {
            SaltedCredential stored = SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, example[0], 4096);
            assertTrue(example[0] + " is " + example[1], stored.verify(example[1]));
            assertTrue(SaltedCredential.create(SaltedCredential.Algorithm.SHA_1, example[1], 4096).verify(example[0]));
        }
        assertFalse("case is kept", SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "USER", 4096).verify("user"));
        // examples 6 and 7: a prohibited character, and a string that breaks the bidirectional rule
        assertFalse(SaltedCredential.preparable("\u0007"));
        assertFalse(SaltedCredential.preparable("\u0627\u0031"));
    }

    @Test
    public void aPasswordSaslprepProhibitsIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserCredentials.create("IX\u0007", 4096));

        assertEquals(SaltedCredential.PROHIBITED, e.getMessage());
    }

    @Test
    public void asciiPasswordsHashAsBeforeSoStoredCredentialsStillWork() {
        // agent1 of config/users.properties, made in November 2026 before passwords were prepared
        UserCredentials demo = UserCredentials.decode("scram-sha-256:4096:68YK8crh+Rc4LeoZwDrJsQ==:"
                + "YLxguxCPvz7R2iU2+i1q6GPw+uJGAarEkdoPAhnONsc=:mrHKGIVUvjS4lfdu2e8s5EQDYAcshWo1IOeeA8H7cvs=");

        assertTrue(demo.verify("1234"));
    }

    @Test
    public void serverKeyProducesTheRfc7677ServerSignature() throws Exception {
        byte[] serverSignature = hmac(pencil.serverKey(), AUTH_MESSAGE);

        assertEquals(RFC_SERVER_SIGNATURE, Base64.getEncoder().encodeToString(serverSignature));
    }

    @Test
    public void storedKeyIsConsistentWithTheRfc7677ClientProof() throws Exception {
        // what a SCRAM server does with the proof: recover ClientKey, hash it, compare with StoredKey
        byte[] clientProof = Base64.getDecoder().decode(RFC_CLIENT_PROOF);
        byte[] clientSignature = hmac(pencil.storedKey(), AUTH_MESSAGE);
        byte[] clientKey = new byte[clientProof.length];
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] = (byte) (clientProof[i] ^ clientSignature[i]);
        }

        assertArrayEquals(pencil.storedKey(), MessageDigest.getInstance("SHA-256").digest(clientKey));
    }

    @Test
    public void deriveKeepsSaltAndIterations() {
        assertArrayEquals(RFC_SALT, pencil.salt());
        assertEquals(RFC_ITERATIONS, pencil.iterations());
        assertEquals(32, pencil.storedKey().length);
        assertEquals(32, pencil.serverKey().length);
    }

    // ---- verify ---------------------------------------------------------------------------------

    @Test
    public void verifyAcceptsTheRightPassword() {
        assertTrue(pencil.verify("pencil"));
    }

    @Test
    public void verifyRejectsAWrongPassword() {
        assertFalse(pencil.verify("Pencil"));
        assertFalse(pencil.verify(""));
    }

    @Test
    public void createdCredentialVerifiesItsPassword() {
        SaltedCredential created = SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "s3cret", 4096);

        assertTrue(created.verify("s3cret"));
        assertFalse(created.verify("s3cret "));
        assertEquals(16, created.salt().length);
    }

    @Test
    public void samePasswordGetsADifferentSaltEachTime() {
        SaltedCredential first = SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "s3cret", 4096);
        SaltedCredential second = SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "s3cret", 4096);

        assertNotEquals(first.encode(), second.encode());
    }

    // ---- encode / decode ------------------------------------------------------------------------

    @Test
    public void encodeDecodeRoundTrip() {
        String encoded = pencil.encode();
        SaltedCredential decoded = SaltedCredential.decode(encoded);

        // a record compares arrays by reference, so compare the parts
        assertEquals(pencil.iterations(), decoded.iterations());
        assertArrayEquals(pencil.salt(), decoded.salt());
        assertArrayEquals(pencil.storedKey(), decoded.storedKey());
        assertArrayEquals(pencil.serverKey(), decoded.serverKey());
        assertEquals(encoded, decoded.encode());
        assertTrue(decoded.verify("pencil"));
    }

    @Test
    public void encodedFormIsSchemeIterationsSaltStoredKeyServerKey() {
        String[] parts = pencil.encode().split(":");

        assertEquals(5, parts.length);
        assertEquals("scram-sha-256", parts[0]);
        assertEquals("4096", parts[1]);
        assertEquals("W22ZaJ0SNY7soEsUEjb6gQ==", parts[2]);
    }

    @Test
    public void decodeToleratesSurroundingWhitespace() {
        assertTrue(SaltedCredential.decode("  " + pencil.encode() + "\t").verify("pencil"));
    }

    @Test
    public void decodeOfAPlainPasswordSaysWhatIsExpected() {
        assertDecodeFails("pencil", "expected scram-sha-256:iterations:salt:storedKey:serverKey");
    }

    @Test
    public void decodeOfAnUnknownSchemeNamesIt() {
        assertDecodeFails(pencil.encode().replace("scram-sha-256", "scram-md5"), "unknown scheme 'scram-md5'");
    }

    @Test
    public void aSha256CredentialLabelledSha1IsRejectedForItsKeyLength() {
        assertDecodeFails(pencil.encode().replace("scram-sha-256", "scram-sha-1"), "storedKey has 32 bytes instead of 20");
    }

    // ---- RFC 5802: the SCRAM-SHA-1 example exchange ----------------------------------------------

    @Test
    public void aSha1CredentialProducesTheRfc5802ServerSignature() throws Exception {
        SaltedCredential sha1 = SaltedCredential.derive(SaltedCredential.Algorithm.SHA_1, "pencil",
                Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096);
        String authMessage = "n=user,r=fyko+d2lbbFgONRv9qkxdawL,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
                + "s=QSXCR+Q6sek8bf92,i=4096,c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j";
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(sha1.serverKey(), "HmacSHA1"));

        assertEquals("rmF9pqV8S7suAoZWja4dJRkFsKQ=",
                Base64.getEncoder().encodeToString(mac.doFinal(authMessage.getBytes(StandardCharsets.UTF_8))));
        assertTrue(sha1.verify("pencil"));
        assertFalse(sha1.verify("pen"));
        assertEquals("scram-sha-1", sha1.encode().substring(0, 11));
    }

    @Test
    public void decodeOfAMissingPartSaysWhatIsExpected() {
        String encoded = pencil.encode();
        assertDecodeFails(encoded.substring(0, encoded.lastIndexOf(':')), "expected scram-sha-256:");
    }

    @Test
    public void decodeNamesIterationsThatAreNotANumber() {
        assertDecodeFails(pencil.encode().replace(":4096:", ":many:"), "iterations 'many' is not a number");
    }

    @Test
    public void decodeRejectsIterationsBelowOne() {
        assertDecodeFails(pencil.encode().replace(":4096:", ":0:"), "iterations must be positive");
    }

    @Test
    public void decodeNamesASaltThatIsNotBase64() {
        assertDecodeFails(pencil.encode().replace(":W22ZaJ0SNY7soEsUEjb6gQ==:", ":not*base64:"), "salt");
    }

    @Test
    public void decodeRejectsAnEmptySalt() {
        // PBKDF2 refuses an empty salt: caught here, not at the user's next login
        assertDecodeFails(pencil.encode().replace(":W22ZaJ0SNY7soEsUEjb6gQ==:", "::"), "salt");
    }

    @Test
    public void decodeNamesAStoredKeyOfTheWrongLength() {
        String[] parts = pencil.encode().split(":");
        parts[3] = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});

        assertDecodeFails(String.join(":", parts), "storedKey");
    }

    @Test
    public void decodeNamesAServerKeyThatIsNotBase64() {
        String[] parts = pencil.encode().split(":");
        parts[4] = "%%%";

        assertDecodeFails(String.join(":", parts), "serverKey");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static void assertDecodeFails(String text, String expectedInMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SaltedCredential.decode(text));
        assertTrue("'" + e.getMessage() + "' should mention '" + expectedInMessage + "'",
                e.getMessage().contains(expectedInMessage));
    }

    private static byte[] hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
