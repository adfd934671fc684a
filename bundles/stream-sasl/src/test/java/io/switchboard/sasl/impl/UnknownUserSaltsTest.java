package io.switchboard.sasl.impl;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.File;
import java.nio.file.Files;
import java.util.Arrays;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.switchboard.testing.Configurations;

public class UnknownUserSaltsTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theSecretIsMadeOnceAndReadBackAfterARestart() throws Exception {
        File key = new File(folder.getRoot(), "cache/unknown-user-salts.key"); // its folder does not exist yet

        byte[] made = UnknownUserSalts.secret(key);
        byte[] readBack = UnknownUserSalts.secret(key);

        assertEquals(32, made.length);
        assertArrayEquals(made, readBack);
        assertArrayEquals(made, Files.readAllBytes(key.toPath()));
        assertArrayEquals("the same salt after a restart", new UnknownUserSalts(made).salt("SCRAM-SHA-256", "nobody"),
                new UnknownUserSalts(readBack).salt("SCRAM-SHA-256", "nobody"));
    }

    @Test
    public void aDamagedSecretIsReplaced() throws Exception {
        File key = folder.newFile("unknown-user-salts.key");
        Files.write(key.toPath(), new byte[5]);

        byte[] secret = UnknownUserSalts.secret(key);

        assertEquals(32, secret.length);
        assertArrayEquals(secret, Files.readAllBytes(key.toPath()));
    }

    @Test
    public void saltsDifferByMechanismAndAreSixteenBytes() {
        UnknownUserSalts salts = new UnknownUserSalts(new byte[32]);

        byte[] sha256 = salts.salt("SCRAM-SHA-256", "nobody");

        assertEquals(16, sha256.length);
        assertFalse(Arrays.equals(sha256, salts.salt("SCRAM-SHA-1", "nobody")));
    }

    @Test
    public void theIterationsAreTheConfiguredOnesAndANonsenseValueFallsBackToTheDefault() {
        UnknownUserSalts salts = new UnknownUserSalts(new byte[32], 10_000);
        assertEquals(10_000, salts.credential("SCRAM-SHA-256", "nobody").iterations());
        assertArrayEquals(salts.salt("SCRAM-SHA-256", "nobody"), salts.credential("SCRAM-SHA-256", "nobody").salt());

        salts.modified(Configurations.of(ScramConfiguration.class, "unknownUserIterations", 20_000));
        assertEquals(20_000, salts.credential("SCRAM-SHA-1", "nobody").iterations());

        salts.modified(Configurations.of(ScramConfiguration.class, "unknownUserIterations", 0));
        assertEquals(UnknownUserSalts.DEFAULT_ITERATIONS, salts.credential("SCRAM-SHA-1", "nobody").iterations());
    }
}
