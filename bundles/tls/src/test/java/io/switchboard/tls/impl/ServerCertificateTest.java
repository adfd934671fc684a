package io.switchboard.tls.impl;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ServerCertificateTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theKeystoreLoadsAsAServerContext() throws Exception {
        Path keystore = folder.getRoot().toPath().resolve("switchboard.p12");
        SelfSignedKeystore.ensure(keystore, "secret", "localhost");
        SSLContext context = ServerCertificate.load(keystore, "secret");
        assertTrue(context.createSSLEngine().getSupportedCipherSuites().length > 0);
    }

    @Test
    public void aWrongPasswordNamesTheKeys() throws Exception {
        Path keystore = folder.getRoot().toPath().resolve("switchboard.p12");
        SelfSignedKeystore.ensure(keystore, "secret", "localhost");
        try {
            ServerCertificate.load(keystore, "wrong");
            fail("a wrong password loaded the keystore");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("io.switchboard.tls: cannot read keystorePath"));
        }
    }
}
