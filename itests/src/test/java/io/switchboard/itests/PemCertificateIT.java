package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

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
    private static final CertbotFolder CERTBOT = new CertbotFolder(WORK.resolve("letsencrypt"));

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        Option[] server = SwitchboardOptions.server(PemCertificateIT.class, Map.of("io.switchboard.tls", List.of(
                "certificatePath = " + CERTBOT.live("fullchain"),
                "privateKeyPath = " + CERTBOT.live("privkey"),
                "watchSeconds = 1")));
        // three certificates made before the server starts: the first in use, the others wait in archive/
        X509Certificate first = CERTBOT.issue(1);
        X509Certificate second = CERTBOT.issue(2);
        X509Certificate third = CERTBOT.issue(3);
        CERTBOT.use(1);
        // Smack trusts what data/switchboard.p12 holds: the three certificates here, and the server never reads it
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
        CERTBOT.use(1);
        configure(CERTBOT.live("fullchain"), CERTBOT.live("privkey"));
        X509Certificate first = CERTBOT.certificate(1);
        await("the first certificate").atMost(Duration.ofSeconds(60)).until(() -> peer(SwitchboardOptions.directTlsPort()).equals(first));
        await().atMost(Duration.ofSeconds(10)).until(() -> peer(SwitchboardOptions.securePort()).equals(first));
    }

    @Test
    public void aRenewalReachesNewConnectionsWhileOpenSessionsGoOn() throws Exception {
        X509Certificate first = CERTBOT.certificate(1);
        X509Certificate second = CERTBOT.certificate(2);

        try (RawTcpClient tcp = RawTcpClient.connectDirectTls(); SmackDesktop desktop = SmackDesktop.of("agent2").login()) {
            tcp.open(DOMAIN);
            tcp.login("agent1", "desktop");
            tcp.ping();

            long renewed = System.nanoTime();
            CERTBOT.relink("fullchain", 2); // certbot renew: one link, then the other
            CERTBOT.relink("privkey", 2);

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
            Files.writeString(CERTBOT.archive("fullchain", 9), "-----BEGIN CERTIFICATE-----\nMIIB");
            CERTBOT.relink("fullchain", 9);
            await("the certificate in use stays").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(20))
                    .until(() -> peer(SwitchboardOptions.directTlsPort()).equals(second));
            tcp.ping();
            assertTrue(desktop.pingServer());
        }
    }

    @Test
    public void otherFilesInTheConfigurationReachNewConnectionsWithoutRestartingTheListeners() throws Exception {
        X509Certificate first = CERTBOT.certificate(1);
        X509Certificate third = CERTBOT.certificate(3);
        try (RawTcpClient tcp = RawTcpClient.connectDirectTls(); SmackDesktop desktop = SmackDesktop.of("agent2").login()) {
            tcp.open(DOMAIN);
            tcp.login("agent1", "desktop");

            configure(CERTBOT.archive("fullchain", 3), CERTBOT.archive("privkey", 3));

            await("the configured certificate").atMost(Duration.ofSeconds(60))
                    .until(() -> peer(SwitchboardOptions.directTlsPort()).equals(third));
            await().atMost(Duration.ofSeconds(10)).until(() -> peer(SwitchboardOptions.securePort()).equals(third));
            tcp.ping();
            assertEquals(first, tcp.peerCertificate());
            assertTrue("the open WebSocket session answers", desktop.pingServer());

            // a configuration naming files that are not there keeps the certificate in use
            configure(CERTBOT.archive("fullchain", 8), CERTBOT.archive("privkey", 8));
            await("the certificate in use stays").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(20))
                    .until(() -> peer(SwitchboardOptions.directTlsPort()).equals(third));
            tcp.ping();
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

    /** The certificate a new TLS connection to this port is shown (whichever it is: the tests compare it exactly). */
    static X509Certificate peer(int port) throws Exception {
        X509TrustManager anything = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {anything}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
