package io.switchboard.itests;

import static org.ops4j.pax.exam.CoreOptions.bootDelegationPackages;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * Boots what operators run: every bundle of the assembled distribution (boot/ at start level 1,
 * bundle/ at 2), configured through FileInstall from a config folder written here, as in
 * distribution/config/. Test clients (Smack, Awaitility) come from the test class path by boot
 * delegation, so they run unchanged inside the container.
 */
public final class SwitchboardOptions {

    /** The domain of the Finesse reference trace. */
    public static final String DOMAIN = "uccxpub.prabhat.com";
    public static final String PASSWORD = "1234";

    static final String PLAIN_PORT = "switchboard.itest.plainPort";
    static final String SECURE_PORT = "switchboard.itest.securePort";
    static final String TCP_PORT = "switchboard.itest.tcpPort";
    static final String DIRECT_TLS_PORT = "switchboard.itest.directTlsPort";
    static final String COMPONENT_PORT = "switchboard.itest.componentPort";
    static final String WORK = "switchboard.itest.work";

    private SwitchboardOptions() {
    }

    /** Port of the plain loopback listener of the server the current test class booted. */
    public static int plainPort() {
        return Integer.getInteger(PLAIN_PORT);
    }

    public static int securePort() {
        return Integer.getInteger(SECURE_PORT);
    }

    /** Port of the TCP listener with STARTTLS. */
    public static int tcpPort() {
        return Integer.getInteger(TCP_PORT);
    }

    /** Port of the TCP listener with direct TLS. */
    public static int directTlsPort() {
        return Integer.getInteger(DIRECT_TLS_PORT);
    }

    /** Port of the external component listener (XEP-0114). */
    public static int componentPort() {
        return Integer.getInteger(COMPONENT_PORT);
    }

    /** The distribution the server was booted from. */
    public static Path distribution() {
        return Path.of(System.getProperty("switchboard.distribution")).toAbsolutePath();
    }

    /** The test class's own folder: config/, deploy/, data/, the users file. */
    public static Path work() {
        return Path.of(System.getProperty(WORK));
    }

    public static Option[] server(Class<?> test) {
        return server(test, Map.of());
    }

    /**
     * The server with extra configuration: file name (a PID, or PID-name for a factory) to lines
     * added to that file (after the defaults, so they win) or making a new one.
     */
    public static Option[] server(Class<?> test, Map<String, List<String>> extraConfigurations) {
        try {
            Path distribution = Path.of(System.getProperty("switchboard.distribution")).toAbsolutePath();
            Path work = Path.of("target", "itest", test.getSimpleName()).toAbsolutePath();
            deleteRecursively(work);
            Path config = Files.createDirectories(work.resolve("config"));
            Path deploy = Files.createDirectories(work.resolve("deploy"));
            int plainPort = freePort();
            int securePort = freePort();
            System.setProperty(PLAIN_PORT, String.valueOf(plainPort));
            System.setProperty(SECURE_PORT, String.valueOf(securePort));
            int tcpPort = freePort();
            int directTlsPort = freePort();
            System.setProperty(TCP_PORT, String.valueOf(tcpPort));
            System.setProperty(DIRECT_TLS_PORT, String.valueOf(directTlsPort));
            int componentPort = freePort();
            System.setProperty(COMPONENT_PORT, String.valueOf(componentPort));
            System.setProperty(WORK, work.toString());

            write(config.resolve("io.switchboard.core.cfg"), "domain = " + DOMAIN);
            write(config.resolve("io.switchboard.http.cfg"),
                    "secureHost = 127.0.0.1",
                    "securePort = " + securePort,
                    "additionalSecurePorts = -1",
                    "plainPort = " + plainPort);
            write(config.resolve("io.switchboard.transport.tcp.cfg"),
                    "host = 127.0.0.1",
                    "port = " + tcpPort,
                    "directTlsPort = " + directTlsPort);
            write(config.resolve("io.switchboard.component.external.cfg"), "port = " + componentPort);
            write(config.resolve("io.switchboard.pubsub.store.jdbc.cfg"),
                    "url = jdbc:h2:" + work.resolve("data/pubsub") + ";WRITE_DELAY=0");
            write(config.resolve("io.switchboard.roster.store.jdbc.cfg"),
                    "url = jdbc:h2:" + work.resolve("data/roster") + ";WRITE_DELAY=0");
            write(config.resolve("io.switchboard.tls.cfg"),
                    "keystorePath = " + work.resolve("data/switchboard.p12"),
                    "keystorePassword = changeit");
            // the keystore the server would make on first start, made once for all the classes: keytool takes
            // about 2 s a boot. The first start itself is met by the tests that start bin/switchboard (LoggingIT,
            // UpgradeAndBackupIT, ServiceScriptIT, DebianPackageIT) and by the interop suite.
            Files.copy(selfSignedKeystore(), Files.createDirectories(work.resolve("data")).resolve("switchboard.p12"));
            write(config.resolve("io.switchboard.auth.file.cfg"), "file = " + work.resolve("users.properties"));
            writeSimulatorConfig(config.resolve("io.switchboard.eventsource.simulator.cfg"), "agent1:1", "agent2:1", "agent3:2");
            for (Map.Entry<String, List<String>> extra : extraConfigurations.entrySet()) {
                Files.writeString(config.resolve(extra.getKey() + ".cfg"), String.join("\n", extra.getValue()) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            write(config.resolve("org.apache.felix.fileinstall-deploy.cfg"),
                    "felix.fileinstall.dir = " + deploy,
                    "felix.fileinstall.poll = 100",
                    "felix.fileinstall.noInitialDelay = true");

            List<Option> options = new ArrayList<>();
            for (Path jar : jars(distribution.resolve("boot"))) {
                options.add(bundle(jar.toUri().toString()).startLevel(1).start());
            }
            for (Path jar : jars(distribution.resolve("bundle"))) {
                options.add(bundle(jar.toUri().toString()).startLevel(2).start());
            }
            options.add(junitBundles());
            options.add(cleanCaches(true));
            options.add(frameworkProperty("felix.fileinstall.dir").value(config.toString()));
            options.add(frameworkProperty("felix.fileinstall.filter").value(".*\\.(cfg|config)"));
            options.add(frameworkProperty("felix.fileinstall.poll").value("100"));
            options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
            options.add(frameworkProperty("felix.fileinstall.enableConfigSave").value("false"));
            options.add(frameworkProperty("ds.loglevel").value("warn"));
            // no shell on stdin: in a forked test JVM stdin is Surefire's command channel, and a
            // shell thread reading it keeps the JVM from exiting
            options.add(frameworkProperty("gosh.args").value("--nointeractive"));
            // the test's own clients, loaded once by the application class loader
            options.add(frameworkProperty("org.osgi.framework.bundle.parent").value("app"));
            // only the packages named below: never let a bundle's lookup fall through to the test class path
            options.add(frameworkProperty("felix.bootdelegation.implicit").value("false"));
            // ("a.b.*" matches a.b's subpackages, not a.b itself)
            options.add(bootDelegationPackages("org.jivesoftware.*", "org.jxmpp.*", "org.minidns.*", "org.igniterealtime.jbosh",
                    "org.awaitility", "org.awaitility.*", "org.hamcrest", "org.hamcrest.*"));
            return options.toArray(new Option[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The simulated contact centre of the tests: two teams, these agents, administrator supervising team 1. */
    public static void writeSimulatorConfig(Path file, String... agents) throws IOException {
        write(file,
                "teams = [ \"1:Team One\", \"2:Team Two\" ]",
                "agents = [ \"" + String.join("\", \"", agents) + "\" ]",
                "supervisors = [ \"administrator:1\" ]",
                "intervalMillis = \"40\"");
    }

    /**
     * A keystore like the one the server makes on first start (tls's SelfSignedKeystore: RSA 2048,
     * CN=localhost, the same names), made with the JDK's keytool once a build in target/itest/.
     */
    private static Path selfSignedKeystore() throws IOException {
        Path keystore = Path.of("target", "itest", "self-signed.p12").toAbsolutePath();
        if (Files.exists(keystore)) {
            return keystore;
        }
        Path partial = Files.createDirectories(keystore.getParent()).resolve(".self-signed.p12.partial");
        Files.deleteIfExists(partial); // keytool adds to a keystore there, and a crash may have left one
        ProcessBuilder keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-noprompt", "-alias", "switchboard", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1",
                "-storetype", "PKCS12", "-keystore", partial.toString(), "-storepass:env", "STOREPASS", "-keypass:env", "STOREPASS")
                .redirectErrorStream(true);
        keytool.environment().put("STOREPASS", "changeit");
        Process process = keytool.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not make " + keystore + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Files.move(partial, keystore, StandardCopyOption.ATOMIC_MOVE);
        return keystore;
    }

    private static List<Path> jars(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(folder + " is missing: build the distribution first (mvn install)");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /**
     * Writes a configuration file whole, in one step, as an operator's editor should: File Install
     * polls the folder and could otherwise read a half-written file and configure a service twice.
     * The draft lies beside the watched folder, not in it.
     */
    public static void write(Path file, String... lines) throws IOException {
        Path draft = file.getParent().resolveSibling("." + file.getFileName() + ".draft");
        Files.writeString(draft, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A port free now, below Linux's ephemeral range (32768 and up): a port the system handed out
     * could be handed again to an outgoing connection of this JVM before the server binds it.
     */
    /** Ports handed out already: free when checked, but not bound until the server starts, so never handed out twice. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 32000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
