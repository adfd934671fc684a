package io.switchboard.itests;

import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * PEM files laid out as certbot lays them out: archive/fullchainN.pem and privkeyN.pem, one pair
 * per issue, and live/fullchain.pem and live/privkey.pem, symbolic links to the pair in use, which
 * a renewal moves one after the other. The certificates are self-signed, made by the JDK's keytool.
 */
final class CertbotFolder {

    private final Path root;

    CertbotFolder(Path root) {
        this.root = root;
    }

    Path live(String name) {
        return root.resolve("live/" + name + ".pem");
    }

    Path archive(String name, int version) {
        return root.resolve("archive/" + name + version + ".pem");
    }

    /** Makes a key and a certificate for localhost and writes archive/fullchainN.pem and privkeyN.pem. */
    X509Certificate issue(int version) throws Exception {
        Path keystore = Files.createDirectories(root.resolve("archive")).resolve("issue" + version + ".p12");
        ProcessBuilder keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-noprompt", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=renewal" + version + ".localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass:env", "STOREPASS", "-keypass:env", "STOREPASS").redirectErrorStream(true);
        keytool.environment().put("STOREPASS", "changeit");
        Process process = keytool.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("keytool: " + output, process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        X509Certificate certificate = (X509Certificate) store.getCertificate("server");
        Files.writeString(archive("fullchain", version), pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(archive("privkey", version), pem("PRIVATE KEY", store.getKey("server", "changeit".toCharArray()).getEncoded()));
        return certificate;
    }

    X509Certificate certificate(int version) throws Exception {
        byte[] text = Files.readAllBytes(archive("fullchain", version));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(text));
    }

    /** Points live/NAME.pem at archive/NAMEversion.pem in one step, as certbot does. */
    void relink(String name, int version) throws Exception {
        Files.createDirectories(root.resolve("live"));
        Path draft = root.resolve("live/" + name + ".pem.new");
        Files.deleteIfExists(draft);
        Files.createSymbolicLink(draft, Path.of("../archive/" + name + version + ".pem"));
        Files.move(draft, live(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Both links at once: a renewal as certbot makes it, or a first issue. */
    void use(int version) throws Exception {
        relink("fullchain", version);
        relink("privkey", version);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
