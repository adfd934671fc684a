package io.switchboard.tls.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The PEM forms certbot and openssl write. The files under src/test/resources/pem were made with
 * OpenSSL 3.0: a root, an intermediate, and an RSA and an EC (P-256) leaf signed by the
 * intermediate; *-fullchain.pem is leaf then intermediate, like certbot's fullchain.pem; the keys
 * are PKCS#1 (genrsa -traditional), SEC1 with its EC PARAMETERS block (ecparam -genkey) and PKCS#8
 * (pkey).
 */
public class PemFilesTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void anRsaKeyInPkcs8LoadsWithTheFullChain() throws Exception {
        Credentials credentials = PemFiles.read(resource("rsa-fullchain.pem"), resource("rsa-pkcs8.key"));

        assertEquals(2, credentials.chain().length);
        assertEquals("CN=xmpp.example.com", credentials.leaf().getSubjectX500Principal().getName());
        assertEquals("CN=Test Intermediate", credentials.chain()[1].getSubjectX500Principal().getName());
        assertEquals("RSA", credentials.key().getAlgorithm());
    }

    @Test
    public void anRsaKeyInPkcs1Loads() throws Exception {
        Credentials credentials = PemFiles.read(resource("rsa-fullchain.pem"), resource("rsa-pkcs1.key"));

        assertEquals("RSA", credentials.key().getAlgorithm());
        assertTrue(credentials.keyMatches());
    }

    @Test
    public void anEcKeyInSec1WithItsParametersBlockLoads() throws Exception {
        Credentials credentials = PemFiles.read(resource("ec-fullchain.pem"), resource("ec-sec1.key"));

        assertEquals("EC", credentials.key().getAlgorithm());
        assertEquals(2, credentials.chain().length);
        assertTrue(credentials.keyMatches());
    }

    @Test
    public void anEcKeyInPkcs8Loads() throws Exception {
        Credentials credentials = PemFiles.read(resource("ec-fullchain.pem"), resource("ec-pkcs8.key"));

        assertEquals("EC", credentials.key().getAlgorithm());
    }

    @Test
    public void theKeyOfAnotherCertificateIsRefusedNamingTheFile() throws Exception {
        Path otherKey = folder.getRoot().toPath().resolve("other.key");
        Path ignored = folder.getRoot().toPath().resolve("other.pem");
        TestCertificates.writePem(TestCertificates.create(folder.getRoot().toPath(), "other.example.com"), ignored, otherKey);

        IOException refused = assertThrows(IOException.class, () -> PemFiles.read(resource("rsa-fullchain.pem"), otherKey));

        assertTrue(refused.getMessage(), refused.getMessage().startsWith("io.switchboard.tls: privateKeyPath " + otherKey
                + ": the key does not belong to the first certificate of certificatePath "));
    }

    @Test
    public void anEcKeyForAnRsaCertificateIsRefused() {
        IOException refused = assertThrows(IOException.class,
                () -> PemFiles.read(resource("rsa-fullchain.pem"), resource("ec-sec1.key")));

        assertTrue(refused.getMessage(), refused.getMessage().contains("an EC key, but the certificate holds an RSA key"));
    }

    @Test
    public void aChainInTheWrongOrderIsRefused() throws Exception {
        String[] certificates = Files.readString(resource("rsa-fullchain.pem")).split("(?<=-----END CERTIFICATE-----\n)");
        Path reversed = folder.newFile("reversed.pem").toPath();
        Files.writeString(reversed, certificates[1] + certificates[0]);

        IOException refused = assertThrows(IOException.class, () -> PemFiles.read(reversed, resource("rsa-pkcs8.key")));

        assertTrue(refused.getMessage(), refused.getMessage().contains("(CN=Test Intermediate)"));
    }

    @Test
    public void anEncryptedKeyIsRefusedWithTheReason() throws Exception {
        Path encrypted = folder.newFile("encrypted.key").toPath();
        Files.writeString(encrypted, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        IOException refused = assertThrows(IOException.class, () -> PemFiles.read(resource("rsa-fullchain.pem"), encrypted));

        assertTrue(refused.getMessage(), refused.getMessage().contains("encrypted"));
    }

    @Test
    public void aHalfWrittenCertificateFileIsRefused() throws Exception {
        String whole = Files.readString(resource("rsa-fullchain.pem"));
        Path half = folder.newFile("half.pem").toPath();
        Files.writeString(half, whole.substring(0, whole.length() / 4));

        IOException refused = assertThrows(IOException.class, () -> PemFiles.read(half, resource("rsa-pkcs8.key")));

        assertEquals("io.switchboard.tls: certificatePath " + half + ": no -----BEGIN CERTIFICATE----- block",
                refused.getMessage());
    }

    @Test
    public void aMissingFileIsNamed() {
        Path missing = folder.getRoot().toPath().resolve("missing.key");

        IOException refused = assertThrows(IOException.class, () -> PemFiles.read(resource("rsa-fullchain.pem"), missing));

        assertEquals("io.switchboard.tls: privateKeyPath " + missing + ": no such file", refused.getMessage());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(PemFilesTest.class.getResource("/pem/" + name).toURI());
    }
}
