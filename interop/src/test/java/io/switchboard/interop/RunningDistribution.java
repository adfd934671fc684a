package io.switchboard.interop;

import static io.switchboard.testing.DistributionFolder.copy;
import static io.switchboard.testing.DistributionFolder.deleteRecursively;
import static io.switchboard.testing.DistributionFolder.freePort;
import static io.switchboard.testing.DistributionFolder.set;

import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The assembled distribution copied to a folder of its own, its listeners moved to free ports, and
 * started with {@code bin/switchboard run} as an operator would: a separate process, its output in
 * {@code switchboard.out} beside it.
 */
final class RunningDistribution implements AutoCloseable {

    final int securePort;
    final int plainPort;
    final int tcpPort;
    private final Path home;
    private final Process process;

    RunningDistribution(String name) throws Exception {
        home = Path.of("target", "interop", name, "switchboard").toAbsolutePath();
        deleteRecursively(home.getParent());
        copy(Path.of(System.getProperty("switchboard.distribution")), home);
        securePort = freePort();
        plainPort = freePort();
        tcpPort = freePort();
        set(home, "io.switchboard.http", Map.of("securePort", securePort, "additionalSecurePorts", -1, "plainPort", plainPort));
        // on every interface, as by default: the TCP clients come from this machine's network address (InteropSuite)
        set(home, "io.switchboard.transport.tcp", Map.of("port", tcpPort, "directTlsPort", freePort()));
        set(home, "io.switchboard.component.external", Map.of("port", freePort()));
        set(home, "io.switchboard.shell.ssh", Map.of("port", -1));
        process = new ProcessBuilder(home.resolve("bin/switchboard").toString(), "run").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolveSibling("switchboard.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort + "/health")).build();
        await("the server at " + home).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("bin/switchboard run ended: see " + home.resolveSibling("switchboard.out"));
                    }
                    return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    /** Trusts exactly the certificate this server made for itself on first start. */
    X509TrustManager trustItsCertificate() throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(home.resolve("data/switchboard.p12"))) {
            keystore.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keystore);
        return (X509TrustManager) trust.getTrustManagers()[0];
    }

    /** Stops it as systemd would (SIGTERM), and waits for the clean shutdown. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
