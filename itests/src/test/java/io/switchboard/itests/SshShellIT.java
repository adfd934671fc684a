package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The Gogo shell over SSH, driven with MINA SSHD's client over a real socket: password and key
 * logins, a refused password, one command's output, the interactive shell's echo, and a listener
 * that follows its configuration and the bundle's life.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SshShellIT {

    private static final String SSH_PORT = "switchboard.itest.sshPort";
    private static final String PUBLIC_KEY = "switchboard.itest.sshPublicKey";
    private static final String PRIVATE_KEY = "switchboard.itest.sshPrivateKey";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;
    private SshClient client;
    /** The host key the server presented last. */
    private final AtomicReference<PublicKey> hostKey = new AtomicReference<>();

    @Configuration
    public Option[] configuration() throws Exception {
        int port = SwitchboardOptions.freePort();
        KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        System.setProperty(SSH_PORT, String.valueOf(port));
        System.setProperty(PUBLIC_KEY, Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        System.setProperty(PRIVATE_KEY, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        return SwitchboardOptions.server(SshShellIT.class, Map.of("io.switchboard.shell.ssh", shellConfig(port,
                "keyholder: " + PublicKeyEntry.toString(keys.getPublic()) + " keyholder@test"),
                // loopback is trusted by default; here an account is slowed down after one failure, and never banned
                "io.switchboard.logins", List.of("trustedAddresses = [ ]", "slowDownAfterFailures = \"1\"",
                        "slowDownStepMillis = \"250\"", "maxFailuresPerAddressAndAccount = \"1000\"", "maxFailuresPerAddress = \"1000\"")));
    }

    /** The shell's configuration: this port, administrator by password, keyholder by the key, and OpenSSH's ed25519 key if made. */
    private static List<String> shellConfig(int port, String authorizedKey) throws IOException, InterruptedException {
        String openSshKey = openSshKey().map(key -> ", \"opensshuser: " + key + "\"").orElse("");
        // typed throughout (every value quoted), as a file with lists must be for FileInstall
        return List.of("host = \"127.0.0.1\"", "port = \"" + port + "\"", "admins = [ \"administrator\" ]",
                "authorizedKeys = [ \"" + authorizedKey + "\"" + openSshKey + " ]",
                "hostKeyFile = \"" + Path.of("target", "itest", SshShellIT.class.getSimpleName(), "data", "ssh-host-key").toAbsolutePath() + "\"");
    }

    private static Path openSshKeyFile() {
        return Path.of("target", "itest", SshShellIT.class.getSimpleName() + "-keys", "id_ed25519").toAbsolutePath();
    }

    /** An ed25519 key made by OpenSSH's ssh-keygen (its default kind), once; empty without ssh-keygen. */
    private static java.util.Optional<String> openSshKey() throws IOException, InterruptedException {
        Path key = openSshKeyFile();
        if (!Files.exists(key)) {
            Files.createDirectories(key.getParent());
            try {
                Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "opensshuser@test",
                        "-f", key.toString()).redirectErrorStream(true).start();
                if (keygen.waitFor() != 0) {
                    return java.util.Optional.empty();
                }
            } catch (IOException noSshKeygen) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(Files.readString(key.resolveSibling("id_ed25519.pub")).trim());
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "administrator", "agent9");
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> {
            hostKey.set(key);
            return true;
        });
        client.start();
    }

    @After
    public void stopClient() throws IOException {
        client.stop();
    }

    private static int port() {
        return Integer.getInteger(SSH_PORT);
    }

    private ClientSession login(int port, String user, String password) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", port).verify(TIMEOUT).getSession();
        session.addPasswordIdentity(password);
        session.auth().verify(TIMEOUT);
        return session;
    }

    private static KeyPair testKeys() throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("EC");
        return new KeyPair(
                factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(System.getProperty(PUBLIC_KEY)))),
                factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(System.getProperty(PRIVATE_KEY)))));
    }

    @Test
    public void anAdministratorsPasswordRunsOneCommandAndGetsItsOutput() throws Exception {
        try (RawXmppClient desktop = RawXmppClient.connect(); ClientSession session = login(port(), "administrator", SwitchboardOptions.PASSWORD)) {
            String jid = desktop.login("agent9", "desktop");
            String sessions = session.executeRemoteCommand("switchboard:sessions");
            assertTrue(sessions, sessions.contains(jid + "  websocket"));
            assertTrue(session.executeRemoteCommand("switchboard:users").contains("agent9"));
        }
        assertTrue("the host key is kept under data/",
                Files.size(SwitchboardOptions.work().resolve("data/ssh-host-key")) > 0);
    }

    @Test
    public void aWrongPasswordOrANonAdministratorIsRefused() {
        assertThrows(IOException.class, () -> login(port(), "administrator", "not the password").close());
        // agent9 has a password in the users store, but is no administrator
        assertThrows(IOException.class, () -> login(port(), "agent9", SwitchboardOptions.PASSWORD).close());
    }

    @Test
    public void aSlowedDownAdministratorStillLogsInWithTheRightPasswordOnceTheDelayIsOver() throws Exception {
        assertThrows(IOException.class, () -> login(port(), "administrator", "not the password").close());
        long started = System.nanoTime();
        try (ClientSession session = login(port(), "administrator", SwitchboardOptions.PASSWORD)) {
            assertTrue(session.isAuthenticated());
        }
        assertTrue("answered after the login guard's delay", Duration.ofNanos(System.nanoTime() - started).toMillis() >= 250);
    }

    @Test
    public void anAuthorizedKeyLogsInWithoutAPassword() throws Exception {
        try (ClientSession session = client.connect("keyholder", "127.0.0.1", port()).verify(TIMEOUT).getSession()) {
            session.addPublicKeyIdentity(testKeys());
            session.auth().verify(TIMEOUT);
            assertTrue(session.executeRemoteCommand("lb").contains("Switchboard SSH shell"));
        }
        // the same key under another name is not authorized
        try (ClientSession session = client.connect("administrator", "127.0.0.1", port()).verify(TIMEOUT).getSession()) {
            session.addPublicKeyIdentity(testKeys());
            assertThrows(IOException.class, () -> session.auth().verify(TIMEOUT));
        }
    }

    @Test
    public void openSshLogsInWithAnEd25519KeyAndRunsOneCommand() throws Exception {
        Assume.assumeTrue("OpenSSH's ssh and ssh-keygen are not installed (Debian: openssh-client)",
                Files.exists(openSshKeyFile()) && onPath("ssh"));
        Process ssh = new ProcessBuilder("ssh", "-i", openSshKeyFile().toString(), "-p", String.valueOf(port()),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "opensshuser@127.0.0.1", "switchboard:users")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("ssh did not end", ssh.waitFor(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(output, 0, ssh.exitValue());
        assertTrue(output, output.contains("agent9"));
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, command)));
    }

    @Test
    public void aFailingCommandExitsNonZeroWithItsError() throws Exception {
        try (ClientSession session = login(port(), "administrator", SwitchboardOptions.PASSWORD)) {
            IOException failure = assertThrows(IOException.class, () -> session.executeRemoteCommand("no:such-command"));
            assertTrue(failure.getMessage(), failure.getMessage().contains("no:such-command"));
        }
    }

    @Test
    public void theInteractiveShellEchoesWhatIsTypedAndAnswersEachLine() throws Exception {
        try (ClientSession session = login(port(), "administrator", SwitchboardOptions.PASSWORD);
                ChannelShell shell = session.createShellChannel()) {
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            shell.setOut(screen);
            shell.setErr(screen);
            shell.open().verify(TIMEOUT);
            OutputStream keyboard = shell.getInvertedIn();
            await().atMost(TIMEOUT).until(() -> screen.toString(StandardCharsets.UTF_8).endsWith("switchboard> "));

            // typed with a slip, corrected with Backspace (DEL, as terminals send it)
            type(keyboard, "switchboard:userx\u007fs\r");
            await().atMost(TIMEOUT).until(() -> screen.toString(StandardCharsets.UTF_8)
                    .matches("(?s).*switchboard> switchboard:userx\b \bs\r\n.*agent9\r\n.*switchboard> $"));

            type(keyboard, "exit\r");
            assertTrue(shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT).contains(ClientChannelEvent.CLOSED));
            assertEquals(Integer.valueOf(0), shell.getExitStatus());
        }
    }

    @Test
    public void newAdministratorsAndANewPortApplyWhileTheServerRuns() throws Exception {
        Path config = SwitchboardOptions.work().resolve("config/io.switchboard.shell.ssh.cfg");
        int newPort = SwitchboardOptions.freePort();
        List<String> lines = shellConfig(newPort, "keyholder: " + PublicKeyEntry.toString(testKeys().getPublic()));
        List<String> withAgent9 = lines.stream().map(line -> line.startsWith("admins")
                ? "admins = [ \"administrator\", \"agent9\" ]" : line).toList();
        try {
            SwitchboardOptions.write(config, withAgent9.toArray(new String[0]));
            await().atMost(TIMEOUT).ignoreExceptions()
                    .until(() -> login(newPort, "agent9", SwitchboardOptions.PASSWORD).executeRemoteCommand("switchboard:users")
                            .contains("administrator"));
            assertThrows(IOException.class, () -> client.connect("administrator", "127.0.0.1", port()).verify(TIMEOUT));
        } finally {
            SwitchboardOptions.write(config, shellConfig(port(),
                    "keyholder: " + PublicKeyEntry.toString(testKeys().getPublic())).toArray(new String[0]));
            await().atMost(TIMEOUT).ignoreExceptions()
                    .until(() -> login(port(), "administrator", SwitchboardOptions.PASSWORD).isAuthenticated());
        }
    }

    @Test
    public void stoppingTheBundleDisconnectsItsSessionsAndStartingItKeepsTheHostKey() throws Exception {
        Bundle shellBundle = Server.bundle(context, "io.switchboard.shell-ssh");
        ClientSession session = login(port(), "administrator", SwitchboardOptions.PASSWORD);
        PublicKey keyBefore = hostKey.get();
        try {
            shellBundle.stop();
            await().atMost(TIMEOUT).until(session::isClosed);
            IOException refused = assertThrows(IOException.class,
                    () -> client.connect("administrator", "127.0.0.1", port()).verify(TIMEOUT));
            assertTrue(String.valueOf(refused), hasCause(refused, ConnectException.class));
        } finally {
            shellBundle.start();
        }
        await().atMost(TIMEOUT).ignoreExceptions()
                .until(() -> login(port(), "administrator", SwitchboardOptions.PASSWORD).isAuthenticated());
        assertEquals(keyBefore, hostKey.get());
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void type(OutputStream keyboard, String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }
}
