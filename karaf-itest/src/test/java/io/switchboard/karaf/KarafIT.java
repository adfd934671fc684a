package io.switchboard.karaf;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.listener.ItemEventListener;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.xml.sax.InputSource;

/**
 * A stock Apache Karaf 4.4 (the release tarball, unpacked by the build) given the features
 * repository with {@code feature:repo-add} and {@code feature:install switchboard-finesse} over
 * Karaf's own SSH shell, as an operator would; then a desktop does the reference flow of
 * finesse-compat.md with Smack over TCP: SASL, resource 'desktop', presence, the 'finesse'
 * presence back, a subscription to its user node, and an event POSTed over HTTP.
 */
public class KarafIT {

    private static final Path HOME = Path.of(System.getProperty("karaf.home"));
    private static final Path CONFIG = Path.of(System.getProperty("switchboard.config"));
    private static final String DOMAIN = "localhost";
    private static final String AGENT = "kagent";
    private static final String API_KEY = "karaf-itest-key";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    private final int sshPort = freePort();
    private final int plainPort = freePort();
    private final int securePort = freePort();
    private final int tcpPort = freePort();
    private Process karaf;
    private SshClient ssh;

    @Before
    public void startKaraf() throws Exception {
        deleteRecursively(HOME.resolve("data")); // a first start each run: no cached bundles or configurations
        configureKaraf();
        configureSwitchboard();
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("bin/karaf").toString(), "server")
                .directory(HOME.toFile()).redirectErrorStream(true)
                .redirectOutput(HOME.resolve("karaf-process.log").toFile());
        builder.environment().put("JAVA_MAX_MEM", "512M");
        karaf = builder.start();
        ssh = SshClient.setUpDefaultClient();
        // a fresh host key each run (data/ is new): nothing to pin, the test only talks to its own Karaf
        ssh.setServerKeyVerifier((session, address, key) -> true);
        ssh.start();
    }

    @After
    public void stopKaraf() throws Exception {
        if (ssh != null) {
            ssh.stop();
        }
        if (karaf != null) {
            // bin/stop reaches the shutdown port Karaf wrote into data/; forcibly only if that did not end it
            new ProcessBuilder(HOME.resolve("bin/stop").toString()).directory(HOME.toFile()).inheritIO().start()
                    .waitFor(60, TimeUnit.SECONDS);
            if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
                karaf.descendants().forEach(ProcessHandle::destroyForcibly);
                karaf.destroyForcibly();
            }
        }
    }

    @Test
    public void switchboardFinesseInstallsIntoStockKarafAndADesktopCompletesTheReferenceFlow() throws Exception {
        // Karaf's shell is up once its SSH server answers a command
        await("Karaf's SSH shell").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions().until(() -> karaf("bundle:list -t 0 -s").contains("org.apache.karaf.features.core"));

        karaf("feature:repo-add " + System.getProperty("switchboard.features"));
        // -r (--no-auto-refresh): Karaf would otherwise refresh its own shell and SSH bundles, which gain optional
        // imports from the new bundles, and end this very session; they keep their wiring and work as before
        karaf("feature:install -r switchboard-finesse");

        String bundles = karaf("bundle:list -t 0 -s");
        assertTrue(bundles, bundles.contains("io.switchboard.finesse-compat"));
        // Karaf's logging is Pax Logging's, and its configuration admin and FileInstall stay the only ones
        assertFalse("Logback was installed into Karaf:\n" + bundles, bundles.contains("ch.qos.logback"));
        assertFalse("a second SLF4J API was installed into Karaf:\n" + bundles, bundles.contains(" slf4j.api"));
        assertEquals(bundles, 1, occurrences(bundles, "org.apache.felix.configadmin"));
        assertEquals(bundles, 1, occurrences(bundles, "org.apache.felix.fileinstall"));

        HttpClient http = HttpClient.newHttpClient();
        await("GET /health answers 200").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().untilAsserted(() -> {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + plainPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(health.body(), 200, health.statusCode());
                });

        XMPPTCPConnection desktop = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN).setHost("127.0.0.1").setPort(tcpPort)
                .setUsernameAndPassword(AGENT, "1234").setResource("desktop")
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trustTheServersCertificate())
                .setHostnameVerifier((host, session) -> true) // trust is pinned to the one certificate
                .build());
        desktop.setReplyTimeout(Duration.ofSeconds(30).toMillis());
        List<Presence> finesse = new CopyOnWriteArrayList<>();
        desktop.addAsyncStanzaListener(stanza -> finesse.add((Presence) stanza), stanza -> stanza instanceof Presence presence
                && presence.isAvailable() && presence.getFrom() != null
                && presence.getFrom().asBareJid().toString().equals("finesse@" + DOMAIN));
        try {
            desktop.connect().login(); // SASL over STARTTLS, binds 'desktop', sends the initial presence
            assertEquals("desktop", desktop.getUser().getResourceOrEmpty().toString());
            await("the available presence from finesse@" + DOMAIN).atMost(Duration.ofSeconds(30)).until(() -> !finesse.isEmpty());

            String node = "/finesse/api/User/" + AGENT;
            assertEquals(200, post(http, "READY").statusCode()); // the agent's first state: its node exists now
            LeafNode leaf = PubSubManager.getInstanceFor(desktop, JidCreate.bareFrom("pubsub." + DOMAIN)).getLeafNode(node);
            List<String> states = new CopyOnWriteArrayList<>();
            ItemEventListener<PayloadItem<?>> listener = event -> event.getItems()
                    .forEach(item -> states.add(state(item.getPayload().toXML().toString())));
            leaf.addItemEventListener(listener);
            leaf.subscribe(desktop.getUser().asEntityBareJid());

            HttpResponse<String> posted = post(http, "TALKING");
            assertEquals(posted.body(), 200, posted.statusCode());
            await("the Update for TALKING on " + node).atMost(Duration.ofSeconds(30)).until(() -> states.contains("TALKING"));
        } finally {
            desktop.disconnect();
        }
    }

    /** Runs a command in Karaf's shell over SSH; its output, or an AssertionError with its error output. */
    private String karaf(String command) throws IOException {
        try (ClientSession session = ssh.connect("karaf", "127.0.0.1", sshPort).verify(Duration.ofSeconds(30)).getSession()) {
            session.addPasswordIdentity("karaf");
            session.auth().verify(Duration.ofSeconds(30));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(err);
                channel.open().verify(Duration.ofSeconds(30));
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), COMMAND_TIMEOUT);
                Integer status = channel.getExitStatus();
                String output = out.toString(StandardCharsets.UTF_8);
                String errors = err.toString(StandardCharsets.UTF_8);
                if (status == null || status != 0 || !errors.isBlank() || output.contains("Error executing command")) {
                    throw new AssertionError(command + " ended with " + status + ":\n" + output + errors);
                }
                return output;
            }
        }
    }

    private HttpResponse<String> post(HttpClient http, String state) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort + "/events/acd"))
                .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"agentState\",\"agent\":\"" + AGENT + "\",\"state\":\"" + state + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The state of the Update document a notification item carries as its text. */
    private static String state(String notification) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            String update = factory.newDocumentBuilder().parse(new InputSource(new StringReader(notification)))
                    .getDocumentElement().getTextContent();
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(update)))
                    .getElementsByTagName("state").item(0).getTextContent();
        } catch (Exception e) {
            return "unreadable: " + notification;
        }
    }

    /** Karaf's own configuration: free ports, a shell user, and the repository the build laid out. */
    private void configureKaraf() throws IOException {
        Path etc = HOME.resolve("etc");
        put(etc.resolve("org.apache.karaf.shell.cfg"), Map.of("sshPort", String.valueOf(sshPort), "sshHost", "127.0.0.1"));
        put(etc.resolve("org.apache.karaf.management.cfg"),
                Map.of("rmiRegistryPort", String.valueOf(freePort()), "rmiServerPort", String.valueOf(freePort())));
        // stock Karaf ships its user commented out
        put(etc.resolve("users.properties"), Map.of("karaf", "karaf,_g_:admingroup",
                "_g_\\:admingroup", "group,admin,manager,viewer,systembundles,ssh"));
        // Karaf lists the system bundle's packages itself and leaves out two that the features import:
        // com.sun.management (Micrometer's process metrics; Felix alone exports it from the JVM) and
        // org.osgi.service.condition (Felix HC core; Karaf's Felix 7 has the classes): an operator adds the same
        Path framework = etc.resolve("config.properties");
        String extra = "org.osgi.framework.system.packages.extra = \\\n";
        String properties = Files.readString(framework);
        assertTrue("no " + extra + " in " + framework, properties.contains(extra));
        if (!properties.contains("org.osgi.service.condition;")) {
            Files.writeString(framework, properties.replace(extra,
                    extra + "    com.sun.management, \\\n    org.osgi.service.condition;version=1.0.0, \\\n"));
        }
        // the features and bundles from the build's repository, nothing from the network
        put(etc.resolve("org.ops4j.pax.url.mvn.cfg"), Map.of(
                "org.ops4j.pax.url.mvn.defaultRepositories",
                "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots,"
                        + " ${karaf.data.uri}kar@id=kar.repository@multi@snapshots,"
                        + " " + Path.of(System.getProperty("switchboard.repository")).toUri() + "@id=switchboard@snapshots",
                "org.ops4j.pax.url.mvn.repositories", "",
                "org.ops4j.pax.url.mvn.localRepository", HOME.resolve("data/m2").toString()));
    }

    /**
     * The distribution's config/*.cfg in Karaf's etc/, less the Felix-only ones (the web console,
     * the SSH shell: Karaf has its own), with free ports and absolute paths under Karaf's home.
     */
    private void configureSwitchboard() throws IOException {
        Path etc = HOME.resolve("etc");
        try (Stream<Path> files = Files.list(CONFIG)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("io\\.switchboard\\..*\\.cfg")).toList()) {
                String name = file.getFileName().toString();
                if (!name.equals("io.switchboard.console.cfg") && !name.equals("io.switchboard.shell.ssh.cfg")) {
                    Files.copy(file, etc.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path data = HOME.resolve("data");
        put(etc.resolve("io.switchboard.http.cfg"), Map.of("secureHost", "127.0.0.1", "securePort", String.valueOf(securePort),
                "additionalSecurePorts", String.valueOf(freePort()), "plainHost", "127.0.0.1", "plainPort", String.valueOf(plainPort)));
        put(etc.resolve("io.switchboard.transport.tcp.cfg"), Map.of("host", "127.0.0.1", "port", String.valueOf(tcpPort),
                "directTlsPort", String.valueOf(freePort())));
        put(etc.resolve("io.switchboard.component.external.cfg"), Map.of("port", String.valueOf(freePort())));
        put(etc.resolve("io.switchboard.tls.cfg"), Map.of("keystorePath", data.resolve("switchboard.p12").toString()));
        put(etc.resolve("io.switchboard.pubsub.store.jdbc.cfg"), Map.of("url", "jdbc:h2:" + data.resolve("pubsub") + ";WRITE_DELAY=0"));
        put(etc.resolve("io.switchboard.roster.store.jdbc.cfg"), Map.of("url", "jdbc:h2:" + data.resolve("roster") + ";WRITE_DELAY=0"));
        // the demo users, and the test's agent with agent1's credentials: SCRAM's salted keys do not depend on the name
        Path users = etc.resolve("switchboard-users.properties");
        String demo = Files.readString(CONFIG.resolve("users.properties"));
        String agent1 = demo.lines().filter(line -> line.startsWith("agent1 = ")).findFirst().orElseThrow();
        Files.writeString(users, demo + "\n" + agent1.replaceFirst("agent1", AGENT) + "\n");
        put(etc.resolve("io.switchboard.auth.file.cfg"), Map.of("file", users.toString()));
        Files.writeString(etc.resolve("io.switchboard.eventsource.http-acd.cfg"), String.join("\n",
                "name = \"acd\"", "path = \"/events/acd\"", "apiKey = \"" + API_KEY + "\"", "nodePrefix = \"\"",
                "teams = [ \"1:Sales\" ]", "agents = [ \"" + AGENT + ":1\" ]", "supervisors = [ ]", ""));
    }

    /**
     * Sets these keys in a .cfg or .properties file, replacing a key's line and its continuation
     * lines; values are quoted where the file is in the typed format (it holds a list).
     */
    private static void put(Path file, Map<String, String> values) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        boolean typed = lines.stream().anyMatch(line -> !line.trim().startsWith("#") && line.contains("["));
        List<String> kept = new ArrayList<>();
        boolean continuing = false;
        for (String line : lines) {
            boolean skip = continuing;
            if (!continuing) {
                String trimmed = line.trim();
                skip = values.keySet().stream().anyMatch(key -> trimmed.matches(java.util.regex.Pattern.quote(key) + "\\s*[=:].*"));
            }
            continuing = skip && line.endsWith("\\");
            if (!skip) {
                kept.add(line);
            }
        }
        values.forEach((key, value) -> kept.add(key + " = " + (typed ? "\"" + value + "\"" : value)));
        Files.write(file, kept);
    }

    /** Trusts exactly the certificate the server made on first start, as a desktop's administrator would. */
    private static X509TrustManager trustTheServersCertificate() throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(HOME.resolve("data/switchboard.p12"))) {
            keystore.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keystore);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    /** How many lines of bundle:list -s name this symbolic name (not one it begins). */
    private static int occurrences(String bundles, String symbolicName) {
        return (int) bundles.lines().filter(line -> line.trim().endsWith("| " + symbolicName)).count();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
