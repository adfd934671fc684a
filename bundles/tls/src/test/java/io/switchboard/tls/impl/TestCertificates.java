package io.switchboard.tls.impl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Fresh certificates for tests, made by keytool (through SelfSignedKeystore) and written as PEM. */
final class TestCertificates {

    private TestCertificates() {
    }

    /** A new self-signed RSA certificate and key for this host, read back from a fresh keystore. */
    static Credentials create(Path folder, String host) throws Exception {
        Path keystore = Files.createTempDirectory(folder, "keystore").resolve("store.p12");
        SelfSignedKeystore.ensure(keystore, "changeit", host);
        return ServerCertificate.readKeystore(keystore, "changeit");
    }

    /** Writes the chain and the key (PKCS#8) as certbot does: fullchain.pem and privkey.pem. */
    static void writePem(Credentials credentials, Path certificate, Path key) throws Exception {
        StringBuilder chain = new StringBuilder();
        for (X509Certificate each : credentials.chain()) {
            chain.append(pem("CERTIFICATE", each.getEncoded()));
        }
        Files.writeString(certificate, chain, StandardCharsets.US_ASCII);
        Files.writeString(key, pem("PRIVATE KEY", credentials.key().getEncoded()), StandardCharsets.US_ASCII);
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
