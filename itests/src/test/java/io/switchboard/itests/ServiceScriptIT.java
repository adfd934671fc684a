package io.switchboard.itests;

import static io.switchboard.itests.InstalledDistribution.STEP;
import static io.switchboard.itests.InstalledDistribution.onPath;
import static io.switchboard.itests.InstalledDistribution.running;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.X509TrustManager;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import io.switchboard.itests.InstalledDistribution.Run;

/**
 * bin/switchboard as an operator runs it: the assembled distribution copied to a folder of its own
 * (its ports moved to free ones), the script started as a process for each step of a server's life,
 * in order: adduser with the server stopped, start, status, a login with Smack and through the
 * shell client, a stop that times out, a clean stop. Plain JUnit: no server in this JVM.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ServiceScriptIT {

    private static final String PASSWORD = "s3cret Pass";
    private static Path home;
    private static int tcpPort;
    private static int plainPort;
    private static int sshPort;
    private static Path openSshKey;

    @BeforeClass
    public static void installTheDistribution() throws Exception {
        home = InstalledDistribution.install(ServiceScriptIT.class);
        tcpPort = SwitchboardOptions.freePort();
        plainPort = SwitchboardOptions.freePort();
        sshPort = SwitchboardOptions.freePort();
        set("io.switchboard.http", Map.of("secureHost", "127.0.0.1", "securePort", String.valueOf(SwitchboardOptions.freePort()),
                "additionalSecurePorts", "-1", "plainPort", String.valueOf(plainPort)));
        set("io.switchboard.transport.tcp", Map.of("host", "127.0.0.1", "port", String.valueOf(tcpPort),
                "directTlsPort", String.valueOf(SwitchboardOptions.freePort())));
        set("io.switchboard.component.external", Map.of("port", String.valueOf(SwitchboardOptions.freePort())));
        // the shipped admin has the demo password: the administrator here is one adduser makes
        set("io.switchboard.shell.ssh", Map.of("port", "\"" + sshPort + "\"", "admins", "[ \"operator\" ]"));
        openSshKey = home.getParent().resolve("id_ed25519");
        if (onPath("ssh-keygen")) {
            assertEquals(0, new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", openSshKey.toString())
                    .redirectErrorStream(true).start().waitFor());
            set("io.switchboard.shell.ssh", Map.of("authorizedKeys",
                    "[ \"operator: " + Files.readString(openSshKey.resolveSibling("id_ed25519.pub")).trim() + "\" ]"));
        }
    }

    @AfterClass
    public static void stopWhateverStillRuns() throws Exception {
        if (home != null) {
            script(Map.of("SWITCHBOARD_STOP_TIMEOUT", "60"), "", "stop");
        }
    }

    @Test
    public void a_adduserWithTheServerStoppedWritesSaltedCredentialsFromStandardInput() throws Exception {
        assertEquals(3, script("status").status());

        Run added = script(Map.of(), PASSWORD + "\n", "adduser", "operator");
        assertEquals(added.output(), 0, added.status());
        String users = Files.readString(home.resolve("config/users.properties"));
        assertTrue(users, users.contains("operator = scram-sha-256:4096:"));
        assertFalse("the password itself is never stored", users.contains(PASSWORD));
        assertTrue("the demo users are still there", users.contains("agent1 = scram-sha-256:"));

        Run again = script(Map.of(), "other\n", "adduser", "operator");
        assertEquals(1, again.status());
        assertTrue(again.output(), again.output().contains("exists already"));
        assertEquals("never a password on the command line", 2, script(Map.of(), "", "adduser", "operator2", PASSWORD).status());
    }

    @Test
    public void b_startRunsItInTheBackgroundAndStatusSaysItsPidAndWhereItListens() throws Exception {
        Run started = script("start");
        assertEquals(started.output(), 0, started.status());
        long pid = Long.parseLong(Files.readString(home.resolve("data/switchboard.pid")).trim());
        assertTrue(started.output(), started.output().contains("PID " + pid));
        assertTrue(running(pid));

        Run status = await("the start-up report").atMost(STEP).pollInterval(Duration.ofSeconds(1))
                .until(() -> script("status"), run -> run.output().contains("Live board"));
        assertEquals(0, status.status());
        assertTrue(status.output(), status.output().startsWith("Switchboard is running, PID " + pid + "\n"));
        assertTrue(status.output(), status.output().contains("ws://127.0.0.1:" + plainPort + "/ws/"));
        assertTrue(status.output(), status.output().contains(tcpPort + " (STARTTLS)"));
        assertTrue(status.output(), status.output().contains("SSH shell         127.0.0.1:" + sshPort + "  (bin/switchboard client)"));

        Run twice = script("start");
        assertEquals(0, twice.status());
        assertTrue(twice.output(), twice.output().contains("already running, PID " + pid));
        assertTrue("the log goes to the log file", Files.readString(home.resolve("logs/switchboard.log")).contains("Switchboard is ready"));
        assertFalse("and not also to the output", Files.readString(home.resolve("logs/switchboard.out")).contains("Switchboard is ready"));
    }

    @Test
    public void c_theNewUserLogsInWithSmack() throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain("localhost").setHost("localhost").setPort(tcpPort)
                .setUsernameAndPassword("operator", PASSWORD).setResource("desktop")
                .setSecurityMode(SecurityMode.required).setCustomX509TrustManager(trustTheServersCertificate())
                .build());
        connection.setReplyTimeout(Duration.ofSeconds(30).toMillis());
        try {
            connection.connect().login();
            assertTrue(connection.isAuthenticated());
            assertEquals("operator@localhost/desktop", connection.getUser().toString());
        } finally {
            connection.disconnect();
        }
    }

    @Test
    public void d_theJavaClientRunsOneCommandWithThePasswordFromStandardInput() throws Exception {
        Run users = script(Map.of("SWITCHBOARD_CLIENT", "java"), PASSWORD + "\n", "client", "-u", "operator", "switchboard:users");
        assertEquals(users.output(), 0, users.status());
        assertTrue(users.output(), users.output().contains("operator") && users.output().contains("agent1"));

        Run wrong = script(Map.of("SWITCHBOARD_CLIENT", "java"), "not it\n", "client", "-u", "operator", "switchboard:users");
        assertEquals(wrong.output(), 255, wrong.status());
        Run failing = script(Map.of("SWITCHBOARD_CLIENT", "java"), PASSWORD + "\n", "client", "-u", "operator", "no:such-command");
        assertEquals(failing.output(), 1, failing.status());
    }

    @Test
    public void e_openSshRunsOneCommandWithTheAdministratorsKey() throws Exception {
        Assume.assumeTrue("OpenSSH's ssh and ssh-keygen are not installed (Debian: openssh-client)",
                onPath("ssh") && Files.exists(openSshKey));
        Run sessions = script(Map.of(), "", "client", "-u", "operator", "-i", openSshKey.toString(), "switchboard:sessions");
        assertEquals(sessions.output(), 0, sessions.status());
        assertTrue("the host key pinned on first use", Files.size(home.resolve("data/ssh-known-hosts")) > 0);
    }

    @Test
    public void f_stopSaysSoWhenTheServerDoesNotStopInTime() throws Exception {
        long pid = Long.parseLong(Files.readString(home.resolve("data/switchboard.pid")).trim());
        // a frozen JVM: SIGTERM stays pending until it runs again
        assertEquals(0, new ProcessBuilder("kill", "-STOP", String.valueOf(pid)).start().waitFor());
        try {
            Run stop = script(Map.of("SWITCHBOARD_STOP_TIMEOUT", "2"), "", "stop");
            assertEquals(stop.output(), 1, stop.status());
            assertTrue(stop.output(), stop.output().contains("did not stop within 2 seconds"));
            assertTrue(running(pid));
        } finally {
            new ProcessBuilder("kill", "-CONT", String.valueOf(pid)).start().waitFor();
        }
    }

    @Test
    public void g_stopEndsTheServerCleanlyAndStatusSaysItIsNotRunning() throws Exception {
        long pid = Long.parseLong(Files.readString(home.resolve("data/switchboard.pid")).trim());
        Run stop = script(Map.of("SWITCHBOARD_STOP_TIMEOUT", "60"), "", "stop");
        assertEquals(stop.output(), 0, stop.status());
        assertFalse(running(pid));
        assertFalse(Files.exists(home.resolve("data/switchboard.pid")));
        Run status = script("status");
        assertEquals(3, status.status());
        assertEquals("Switchboard is not running\n", status.output());
    }

    @Test
    public void h_theSystemdUnitIsOneSystemdAccepts() throws Exception {
        Path unit = home.resolve("systemd/switchboard.service");
        String text = Files.readString(unit);
        assertTrue(text, text.contains("\nType=simple\n") && text.contains("\nExecStart=/opt/switchboard/bin/switchboard run\n"));
        Matcher user = Pattern.compile("\nUser=(\\S+)\n").matcher(text);
        assertTrue("a dedicated user", user.find() && !user.group(1).equals("root"));
        Matcher files = Pattern.compile("\nLimitNOFILE=(\\d+)\n").matcher(text);
        assertTrue("LimitNOFILE for 20,000 sessions", files.find() && Integer.parseInt(files.group(1)) >= 65536);

        Assume.assumeTrue("systemd-analyze is not installed (Debian: systemd)", onPath("systemd-analyze"));
        // as installed, but at this folder (verify checks that ExecStart's program is there)
        Path installed = home.getParent().resolve("switchboard.service");
        Files.writeString(installed, text.replace("/opt/switchboard", home.toString()));
        Process verify = new ProcessBuilder("systemd-analyze", "verify", installed.toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(STEP.toSeconds(), TimeUnit.SECONDS));
        assertEquals(output, 0, verify.exitValue());
        assertFalse("no warnings about the unit:\n" + output, output.contains("switchboard.service"));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Run script(String... args) throws Exception {
        return script(Map.of(), "", args);
    }

    private static Run script(Map<String, String> environment, String input, String... args) throws Exception {
        return InstalledDistribution.script(home, environment, input, args);
    }

    private static void set(String pid, Map<String, String> values) throws IOException {
        InstalledDistribution.set(home, pid, values);
    }

    private static X509TrustManager trustTheServersCertificate() throws Exception {
        return SmackDesktop.trusting(home.resolve("data/switchboard.p12"));
    }
}
