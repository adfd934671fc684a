package io.switchboard.tls.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ServerCertificateTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theKeystoreGivesItsKeyAndChain() throws Exception {
        Path keystore = folder.getRoot().toPath().resolve("switchboard.p12");
        SelfSignedKeystore.ensure(keystore, "secret", "localhost");

        Credentials credentials = ServerCertificate.readKeystore(keystore, "secret");

        assertEquals("CN=localhost", credentials.leaf().getSubjectX500Principal().getName());
        assertTrue(credentials.keyMatches());
    }

    @Test
    public void aWrongPasswordNamesTheKeys() throws Exception {
        Path keystore = folder.getRoot().toPath().resolve("switchboard.p12");
        SelfSignedKeystore.ensure(keystore, "secret", "localhost");

        IOException refused = assertThrows(IOException.class, () -> ServerCertificate.readKeystore(keystore, "wrong"));

        assertTrue(refused.getMessage(), refused.getMessage().contains("io.switchboard.tls: cannot read keystorePath"));
    }
}
