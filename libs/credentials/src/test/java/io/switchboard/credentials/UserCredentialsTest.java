package io.switchboard.credentials;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class UserCredentialsTest {

    private final UserCredentials pencil = UserCredentials.create("pencil", 4096);

    @Test
    public void aNewPasswordGetsACredentialForEachScramHash() {
        assertTrue(pencil.get(SaltedCredential.Algorithm.SHA_256).orElseThrow().verify("pencil"));
        assertTrue(pencil.get(SaltedCredential.Algorithm.SHA_1).orElseThrow().verify("pencil"));
        assertTrue(pencil.encode().matches("scram-sha-256:4096:\\S+ scram-sha-1:4096:\\S+"));
    }

    @Test
    public void theLineRoundTrips() {
        UserCredentials decoded = UserCredentials.decode(pencil.encode());

        assertEquals(pencil.encode(), decoded.encode());
        assertTrue(decoded.verify("pencil"));
        assertFalse(decoded.verify("crayon"));
    }

    @Test
    public void aLineWithOnlyASha256CredentialStillLogsInWithPlainButOffersNoSha1() {
        UserCredentials older = UserCredentials.decode(
                SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "pencil", 4096).encode());

        assertTrue(older.verify("pencil"));
        assertTrue(older.get(SaltedCredential.Algorithm.SHA_1).isEmpty());
    }

    @Test
    public void twoCredentialsOfOneKindAreRefused() {
        String sha256 = SaltedCredential.create(SaltedCredential.Algorithm.SHA_256, "pencil", 4096).encode();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserCredentials.decode(sha256 + " " + sha256));
        assertTrue(e.getMessage(), e.getMessage().contains("two scram-sha-256 credentials"));
    }
}
