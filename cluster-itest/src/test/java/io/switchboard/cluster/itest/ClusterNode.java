package io.switchboard.cluster.itest;

import static io.switchboard.testing.DistributionFolder.copy;
import static io.switchboard.testing.DistributionFolder.freePort;
import static io.switchboard.testing.DistributionFolder.set;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * One member: a copy of the assembled distribution with its listeners on free ports, its
 * publish-subscribe store on the shared PostgreSQL database and {@code config/io.switchboard.cluster.cfg}
 * written, started with {@code bin/switchboard run} as a process of its own (output in
 * {@code <name>.out} beside its folder).
 */
final class ClusterNode implements AutoCloseable {

    final String name;
    final int clusterPort;
    final int tcpPort;
    final int plainPort;
    private final Path home;
    private Process process;

    ClusterNode(Path root, String name, int clusterPort) throws IOException {
        this.name = name;
        this.clusterPort = clusterPort;
        this.home = root.resolve(name).toAbsolutePath();
        Files.deleteIfExists(home.resolveSibling(name + ".out")); // a restart in the same test appends to it
        copy(Path.of(System.getProperty("switchboard.distribution")), home);
        tcpPort = freePort();
        plainPort = freePort();
        set(home, "io.switchboard.http", Map.of("securePort", freePort(), "additionalSecurePorts", -1, "plainPort", plainPort));
        set(home, "io.switchboard.transport.tcp", Map.of("host", "127.0.0.1", "port", tcpPort, "directTlsPort", freePort()));
        set(home, "io.switchboard.component.external", Map.of("port", freePort()));
        set(home, "io.switchboard.shell.ssh", Map.of("port", -1));
    }

    /** Keeps publish-subscribe in this shared database, as every member of a cluster must. */
    ClusterNode store(String jdbcUrl) throws IOException {
        set(home, "io.switchboard.pubsub.store.jdbc", Map.of("url", jdbcUrl, "user", "postgres",
                "dataSourceFactory.target", "(osgi.jdbc.driver.class=org.postgresql.Driver)"));
        return this;
    }

    /** Writes the cluster's configuration: this member and where the others are. */
    ClusterNode cluster(List<Integer> memberPorts) throws IOException {
        StringBuilder members = new StringBuilder();
        for (int port : memberPorts) {
            members.append(members.length() == 0 ? "" : ", ").append("\"127.0.0.1:").append(port).append('"');
        }
        Files.writeString(home.resolve("config/io.switchboard.cluster.cfg"), String.join("\n",
                "name = \"itest\"", "memberName = \"" + name + "\"", "address = \"127.0.0.1\"",
                "port = \"" + clusterPort + "\"", "members = [ " + members + " ]", "host = \"" + name + ".example\"",
                "failureSeconds = \"3\"", ""));
        return this;
    }

    ClusterNode start() throws IOException {
        process = new ProcessBuilder(home.resolve("bin/switchboard").toString(), "run").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolveSibling(name + ".out").toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        return this;
    }

    /** Waits until GET /health answers 200 and its "cluster" check sees this many members. */
    void awaitMembers(int members) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort + "/health")).build();
        await(name + " in a cluster of " + members).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("bin/switchboard run ended: see " + home.resolveSibling(name + ".out"));
                    }
                    HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                    return answer.statusCode() == 200 && answer.body().contains(members + " members seen");
                });
    }

    /** The server's GET /health, whatever its status. */
    String health() throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort + "/health")).build();
        return HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A Smack client on this member over TCP with STARTTLS, trusting this member's own certificate. */
    XMPPTCPConnection client(String user, String resource) throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(home.resolve("data/switchboard.p12"))) {
            keystore.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keystore);
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain("localhost").setHostAddress(InetAddress.getLoopbackAddress()).setPort(tcpPort)
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required).setCustomX509TrustManager((X509TrustManager) trust.getTrustManagers()[0])
                .setUsernameAndPassword(user, "1234").setResource(resource).build());
        connection.setReplyTimeout(20_000);
        connection.connect().login();
        return connection;
    }

    /** Deletes config/io.switchboard.cluster.cfg, as an operator who takes the member out of the cluster. */
    void leaveCluster() throws IOException {
        Files.delete(home.resolve("config/io.switchboard.cluster.cfg"));
    }

    /** Kills the process without a word, as a crash or a pulled cable would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.onExit().join();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The simulator at this pace, without calls: a state change every {@code millis} ms, so a test sees its events soon. */
    ClusterNode simulatorPace(long millis) throws IOException {
        set(home, "io.switchboard.eventsource.simulator", Map.of("intervalMillis", millis, "callsPerMinute", 0));
        return this;
    }

    /** The server's GET /finesse/api/SystemInfo, as a desktop reads it before it connects and when it fails over. */
    String systemInfo() throws Exception {
        HttpRequest info = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort + "/finesse/api/SystemInfo")).build();
        return HttpClient.newHttpClient().send(info, HttpResponse.BodyHandlers.ofString()).body();
    }
}
