package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The server's certificate from PEM files laid out as certbot's: live/fullchain.pem and
 * live/privkey.pem, symbolic links into archive/. A renewal moves the links; the open sessions
 * (direct TLS on Netty, wss:// on Jetty) go on, and new connections on both get the new certificate.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PemCertificateIT {

    private static final Path WORK = Path.of("target", "itest", PemCertificateIT.class.getSimpleName()).toAbsolutePath();
    private static final Path LETSENCRYPT = WORK.resolve("letsencrypt");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        Option[] server = SwitchboardOptions.server(PemCertificateIT.class, Map.of("io.switchboard.tls", List.of(
                "certificatePath = " + LETSENCRYPT.resolve("live/fullchain.pem"),
                "privateKeyPath = " + LETSENCRYPT.resolve("live/privkey.pem"),
                "watchSeconds = 1")));
        // two certificates made before the server starts; the second waits in archive/ for the renewal
        Files.createDirectories(LETSENCRYPT.resolve("live"));
        X509Certificate first = issue(1);
        X509Certificate second = issue(2);
        X509Certificate third = issue(3);
        relink("fullchain", 1);
        relink("privkey", 1);
        // the test clients trust what data/switchboard.p12 holds: both certificates here, and the server never reads it
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("first", first);
        trusted.setCertificateEntry("second", second);
        trusted.setCertificateEntry("third", third);
        Files.createDirectories(WORK.resolve("data"));
        try (OutputStream out = Files.newOutputStream(WORK.resolve("data/switchboard.p12"))) {
            trusted.store(out, "changeit".toCharArray());
        }
        return server;
    }

    @Before
    public void onTheFirstCertificate() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent2");
        relink("fullchain", 1);
        relink("privkey", 1);
        configure(LETSENCRYPT.resolve("live/fullchain.pem"), LETSENCRYPT.resolve("live/privkey.pem"));
        X509Certificate first = certificate(1);
        await("the first certificate").atMost(Duration.ofSeconds(60)).until(() -> peer(SwitchboardOptions.directTlsPort()).equals(first));
        await().atMost(Duration.ofSeconds(10)).until(() -> peer(SwitchboardOptions.securePort()).equals(first));
    }

    @Test
    public void aRenewalReachesNewConnectionsWhileOpenSessionsGoOn() throws Exception {
        X509Certificate first = certificate(1);
        X509Certificate second = certificate(2);

        try (RawTcpClient tcp = RawTcpClient.connectDirectTls(); SmackDesktop desktop = SmackDesktop.of("agent2").login()) {
            tcp.open(DOMAIN);
            tcp.login("agent1", "desktop");
            tcp.ping();

            long renewed = System.nanoTime();
            relink("fullchain", 2); // certbot renew: one link, then the other
            relink("privkey", 2);

            await("the renewed certificate on the Netty listener").atMost(Duration.ofSeconds(60))
                    .until(() -> peer(SwitchboardOptions.directTlsPort()).equals(second));
            System.out.println("PemCertificateIT: new connections got the renewed certificate after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - renewed) + " ms (watchSeconds = 1)");
            await("and on Jetty's").atMost(Duration.ofSeconds(10))
                    .until(() -> peer(SwitchboardOptions.securePort()).equals(second));
            tcp.ping();
            assertEquals("the open TCP session still runs on the first certificate", first, tcp.peerCertificate());
            assertTrue("the open WebSocket session answers", desktop.pingServer());
            assertTrue(desktop.connection.isAuthenticated());

            // a broken renewal: the certificate in use stays
            Files.writeString(LETSENCRYPT.resolve("archive/fullchain9.pem"), "-----BEGIN CERTIFICATE-----\nMIIB");
            relink("fullchain", 9);
            await("the certificate in use stays").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(20))
                    .until(() -> peer(SwitchboardOptions.directTlsPort()).equals(second));
            tcp.ping();
            assertTrue(desktop.pingServer());
        }
    }

    @Test
    public void otherFilesInTheConfigurationReachNewConnectionsWithoutRestartingTheListeners() throws Exception {
        X509Certificate first = certificate(1);
        X509Certificate third = certificate(3);
        try (RawTcpClient tcp = RawTcpClient.connectDirectTls(); SmackDesktop desktop = SmackDesktop.of("agent2").login()) {
            tcp.open(DOMAIN);
            tcp.login("agent1", "desktop");

            configure(LETSENCRYPT.resolve("archive/fullchain3.pem"), LETSENCRYPT.resolve("archive/privkey3.pem"));

            await("the configured certificate").atMost(Duration.ofSeconds(60))
                    .until(() -> peer(SwitchboardOptions.directTlsPort()).equals(third));
            await().atMost(Duration.ofSeconds(10)).until(() -> peer(SwitchboardOptions.securePort()).equals(third));
            tcp.ping();
            assertEquals(first, tcp.peerCertificate());
            assertTrue("the open WebSocket session answers", desktop.pingServer());
        }
    }

    /** Rewrites config/io.switchboard.tls.cfg with these PEM files, as an operator would. */
    private static void configure(Path certificate, Path key) throws Exception {
        SwitchboardOptions.write(WORK.resolve("config/io.switchboard.tls.cfg"),
                "keystorePath = " + WORK.resolve("data/switchboard.p12"),
                "keystorePassword = changeit",
                "certificatePath = " + certificate,
                "privateKeyPath = " + key,
                "watchSeconds = 1");
    }

    /** The certificate a new TLS connection to this port is shown. */
    private static X509Certificate peer(int port) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {SmackDesktop.trustTheServersCertificate()}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** Makes a key and a self-signed certificate with the JDK's keytool and writes archive/fullchainN.pem and privkeyN.pem. */
    private static X509Certificate issue(int version) throws Exception {
        Path archive = Files.createDirectories(LETSENCRYPT.resolve("archive"));
        Path keystore = archive.resolve("issue" + version + ".p12");
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
        Files.writeString(archive.resolve("fullchain" + version + ".pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(archive.resolve("privkey" + version + ".pem"),
                pem("PRIVATE KEY", store.getKey("server", "changeit".toCharArray()).getEncoded()));
        return certificate;
    }

    private static X509Certificate certificate(int version) throws Exception {
        String text = Files.readString(LETSENCRYPT.resolve("archive/fullchain" + version + ".pem"));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Points live/NAME.pem at archive/NAMEversion.pem in one step, as certbot does. */
    private static void relink(String name, int version) throws Exception {
        Path draft = LETSENCRYPT.resolve("live/" + name + ".pem.new");
        Files.deleteIfExists(draft);
        Files.createSymbolicLink(draft, Path.of("../archive/" + name + version + ".pem"));
        Files.move(draft, LETSENCRYPT.resolve("live/" + name + ".pem"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
