package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * PEM files configured but not there yet when the server starts (certbot not yet run): the server
 * still comes up, its TLS listeners present the self-signed certificate, and the PEM files are
 * taken as soon as they appear, with the sessions opened meanwhile still going.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PemCertificateFallbackIT {

    private static final CertbotFolder CERTBOT = new CertbotFolder(Path.of("target", "itest",
            PemCertificateFallbackIT.class.getSimpleName(), "letsencrypt").toAbsolutePath());

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(PemCertificateFallbackIT.class, Map.of("io.switchboard.tls", List.of(
                "certificatePath = " + CERTBOT.live("fullchain"),
                "privateKeyPath = " + CERTBOT.live("privkey"),
                "watchSeconds = 1")));
    }

    @Test
    public void missingFilesAtStartMeanTheSelfSignedCertificateUntilTheyAppear() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1");
        X509Certificate selfSigned = PemCertificateIT.peer(SwitchboardOptions.directTlsPort());
        assertEquals("CN=localhost", selfSigned.getSubjectX500Principal().getName());
        assertEquals(selfSigned, PemCertificateIT.peer(SwitchboardOptions.securePort()));

        try (RawTcpClient tcp = RawTcpClient.connectDirectTls()) {
            tcp.open(SwitchboardOptions.DOMAIN);
            tcp.login("agent1", "desktop");

            X509Certificate issued = CERTBOT.issue(1);
            CERTBOT.use(1);

            await("the PEM certificate once it is there").atMost(Duration.ofSeconds(60))
                    .until(() -> PemCertificateIT.peer(SwitchboardOptions.directTlsPort()).equals(issued));
            await().atMost(Duration.ofSeconds(10)).until(() -> PemCertificateIT.peer(SwitchboardOptions.securePort()).equals(issued));
            tcp.ping();
            assertEquals("the session opened before keeps its certificate", selfSigned, tcp.peerCertificate());
        }
    }
}
