package io.switchboard.tls.impl;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The keystore a fresh server creates for its TLS listeners, with the JDK's keytool. */
public class SelfSignedKeystoreTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void createsALoadablePkcs12WithASelfSignedCertificateForTheHost() throws Exception {
        Path keystore = folder.getRoot().toPath().resolve("data/switchboard.p12"); // data/ does not exist yet

        assertTrue("created", SelfSignedKeystore.ensure(keystore, "s3cret", "xmpp.example.com"));

        KeyStore loaded = load(keystore, "s3cret");
        assertTrue(loaded.isKeyEntry("switchboard"));
        assertTrue(loaded.getKey("switchboard", "s3cret".toCharArray()) != null);
        X509Certificate certificate = (X509Certificate) loaded.getCertificate("switchboard");
        assertEquals("CN=xmpp.example.com", certificate.getSubjectX500Principal().getName());
        assertEquals("self-signed", certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertTrue(certificate.getSubjectAlternativeNames().stream().anyMatch(name -> "xmpp.example.com".equals(name.get(1))));
        assertTrue(certificate.getSubjectAlternativeNames().stream().anyMatch(name -> "localhost".equals(name.get(1))));
    }

    @Test
    public void thePasswordIsNeverOnKeytoolsCommandLine() throws Exception {
        // a keytool that writes down the arguments it was started with, then runs the real one with them
        Path arguments = folder.getRoot().toPath().resolve("arguments");
        Path recorder = folder.getRoot().toPath().resolve("keytool");
        Path real = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Files.writeString(recorder, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + arguments + "'\nexec '" + real + "' \"$@\"\n");
        assertTrue(recorder.toFile().setExecutable(true));
        Path keystore = folder.getRoot().toPath().resolve("store/switchboard.p12");

        assertTrue(SelfSignedKeystore.ensure(keystore, "s3cret-in-env", "localhost", recorder));

        String commandLine = Files.readString(arguments);
        assertTrue("keytool ran: " + commandLine, commandLine.contains("-genkeypair"));
        assertFalse(commandLine, commandLine.contains("s3cret-in-env"));
        assertTrue("and the keystore opens with it", load(keystore, "s3cret-in-env").isKeyEntry("switchboard"));
    }

    @Test
    public void leavesOnlyTheKeystoreBehind() throws Exception {
        Path keystore = folder.getRoot().toPath().resolve("switchboard.p12");

        SelfSignedKeystore.ensure(keystore, "changeit", "localhost");

        try (Stream<Path> files = Files.list(folder.getRoot().toPath())) {
            assertEquals("no partial file left over", List.of(keystore), files.toList());
        }
    }

    @Test
    public void theSecondCallReturnsFalseAndDoesNotRewriteTheKeystore() throws Exception {
        Path keystore = folder.getRoot().toPath().resolve("switchboard.p12");
        SelfSignedKeystore.ensure(keystore, "changeit", "localhost");
        byte[] created = Files.readAllBytes(keystore);
        FileTime stamp = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(keystore, stamp); // an old stamp: any rewrite would change it

        assertFalse(SelfSignedKeystore.ensure(keystore, "changeit", "other.example.com"));

        assertArrayEquals(created, Files.readAllBytes(keystore));
        assertEquals(stamp, Files.getLastModifiedTime(keystore));
    }

    @Test
    public void anExistingFileIsNeverReplacedEvenIfItIsNotAKeystore() throws Exception {
        Path keystore = folder.newFile("operator.p12").toPath();
        Files.writeString(keystore, "the operator's own file");

        assertFalse(SelfSignedKeystore.ensure(keystore, "changeit", "localhost"));

        assertEquals("the operator's own file", Files.readString(keystore));
    }

    @Test
    public void theWrongPasswordDoesNotOpenIt() throws Exception {
        Path keystore = folder.getRoot().toPath().resolve("switchboard.p12");
        SelfSignedKeystore.ensure(keystore, "right-password", "localhost");

        assertThrows(IOException.class, () -> load(keystore, "wrong-password"));
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keystore.load(in, password.toCharArray());
        }
        return keystore;
    }
}
