package io.switchboard.itests;

import static io.switchboard.itests.InstalledDistribution.STEP;
import static io.switchboard.itests.InstalledDistribution.onPath;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * The Debian package (distribution/target/switchboard.deb) as an operator meets it, on this machine
 * itself: dpkg -i, the installed server started with bin/switchboard start as the switchboard user,
 * a desktop's login over TCP, an upgrade to a second build (the same tree, a higher version), the
 * login again, dpkg -r and dpkg --purge. Needs root and dpkg (CI has both); skipped otherwise, and
 * skipped where a switchboard package or its folders are there already (never touch a real one).
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class DebianPackageIT {

    private static final Path OPT = Path.of("/opt/switchboard");
    private static final Path ETC = Path.of("/etc/switchboard");
    private static final Path VAR_LIB = Path.of("/var/lib/switchboard");
    private static final Path VAR_LOG = Path.of("/var/log/switchboard");
    private static final String PASSWORD = "s3cret Pass";

    private static Path work;
    private static Path deb;
    private static int tcpPort;
    private static X509TrustManager firstCertificate;
    private static boolean touched;

    @BeforeClass
    public static void onlyAsRootWithDpkgAndNoSwitchboardInstalled() throws Exception {
        Assume.assumeTrue("dpkg is not on the PATH: the Debian package is tested on Debian only", onPath("dpkg") && onPath("dpkg-deb"));
        Assume.assumeTrue("not root: dpkg -i needs root (CI runs as root)", run(List.of("id", "-u"), "").output().trim().equals("0"));
        Assume.assumeTrue("a switchboard package or its folders are installed here already; this test would replace them",
                run(List.of("dpkg-query", "-W", "switchboard"), "").status() != 0
                        && !Files.exists(OPT) && !Files.exists(ETC) && !Files.exists(VAR_LIB));
        deb = SwitchboardOptions.distribution().resolveSibling("switchboard.deb");
        assertTrue(deb + " is built by the distribution module", Files.isRegularFile(deb));
        work = Path.of("target", "itest", DebianPackageIT.class.getSimpleName()).toAbsolutePath();
        SwitchboardOptions.deleteRecursively(work);
        Files.createDirectories(work);
    }

    @AfterClass
    public static void purgeWhatTheTestInstalled() throws Exception {
        if (touched) {
            if (Files.exists(OPT.resolve("bin/switchboard"))) {
                run(List.of(OPT.resolve("bin/switchboard").toString(), "stop"), "");
            }
            run(List.of("dpkg", "--purge", "switchboard"), "");
        }
    }

    @Test
    public void a_dpkgInstallsTheReleaseTheConfigurationTheUserAndTheUnit() throws Exception {
        touched = true;
        dpkg("-i", deb.toString());

        assertTrue(Files.isExecutable(OPT.resolve("bin/switchboard")));
        assertTrue(Files.isRegularFile(OPT.resolve("bin/felix.jar")));
        assertEquals(ETC, Files.readSymbolicLink(OPT.resolve("config")));
        assertEquals(VAR_LIB, Files.readSymbolicLink(OPT.resolve("data")));
        assertEquals(VAR_LOG, Files.readSymbolicLink(OPT.resolve("logs")));
        assertTrue(Files.isRegularFile(ETC.resolve("users.properties")));
        String conffiles = run(List.of("dpkg-query", "-W", "-f=${Conffiles}", "switchboard"), "").output();
        assertTrue(conffiles, conffiles.contains("/etc/switchboard/users.properties ")
                && conffiles.contains("/etc/switchboard/io.switchboard.http.cfg "));
        assertEquals(0, run(List.of("getent", "passwd", "switchboard"), "").status());
        assertEquals("switchboard", Files.getOwner(VAR_LIB).getName());
        assertEquals("switchboard", Files.getOwner(ETC.resolve("users.properties")).getName());
        assertTrue(Files.isRegularFile(Path.of("/lib/systemd/system/switchboard.service")));
        if (onPath("deb-systemd-helper")) {
            assertTrue("enabled, though not started (no systemd here)",
                    Files.exists(Path.of("/etc/systemd/system/multi-user.target.wants/switchboard.service")));
        }
    }

    @Test
    public void b_theInstalledServerStartsAsTheSwitchboardUserAndADesktopLogsIn() throws Exception {
        // ports off the defaults, in case a server of the machine's own runs
        tcpPort = SwitchboardOptions.freePort();
        set("io.switchboard.http", Map.of("secureHost", "127.0.0.1", "securePort", String.valueOf(SwitchboardOptions.freePort()),
                "additionalSecurePorts", "-1", "plainPort", String.valueOf(SwitchboardOptions.freePort())));
        set("io.switchboard.transport.tcp", Map.of("host", "127.0.0.1", "port", String.valueOf(tcpPort),
                "directTlsPort", String.valueOf(SwitchboardOptions.freePort())));
        set("io.switchboard.component.external", Map.of("port", String.valueOf(SwitchboardOptions.freePort())));
        set("io.switchboard.shell.ssh", Map.of("port", "\"" + SwitchboardOptions.freePort() + "\""));

        Run added = asSwitchboard(PASSWORD + "\n", "adduser", "operator");
        assertEquals(added.output(), 0, added.status());

        startAndAwaitTheReport();
        firstCertificate = trustTheServersCertificate();
        logIn(firstCertificate);
        assertTrue(Files.readString(VAR_LOG.resolve("switchboard.log")).contains("Switchboard is ready"));
        stop();
    }

    @Test
    public void c_anUpgradeToASecondBuildKeepsConfigurationUsersAndData() throws Exception {
        Path second = secondBuild();
        byte[] keystore = Files.readAllBytes(VAR_LIB.resolve("switchboard.p12"));
        dpkg("-i", second.toString());

        assertEquals(version(second), run(List.of("dpkg-query", "-W", "-f=${Version}", "switchboard"), "").output());
        assertTrue(Files.readString(ETC.resolve("users.properties")).contains("operator = scram-sha-256:"));
        assertTrue(Files.readString(ETC.resolve("io.switchboard.transport.tcp.cfg")).contains("port = " + tcpPort));
        assertTrue(Files.exists(VAR_LIB.resolve("felix-cache")));
        assertTrue(Arrays.equals(keystore, Files.readAllBytes(VAR_LIB.resolve("switchboard.p12"))));

        // the upgraded server: the edited port, the added user, the certificate made by the first run
        startAndAwaitTheReport();
        logIn(firstCertificate);
        stop();
    }

    @Test
    public void d_removingKeepsConfigurationDataAndLogsAndPurgingRemovesThem() throws Exception {
        dpkg("-r", "switchboard");
        assertFalse(Files.exists(OPT));
        assertFalse(Files.exists(Path.of("/lib/systemd/system/switchboard.service")));
        assertTrue(Files.readString(ETC.resolve("users.properties")).contains("operator = scram-sha-256:"));
        assertTrue(Files.exists(VAR_LIB.resolve("switchboard.p12")));
        assertTrue(Files.exists(VAR_LOG.resolve("switchboard.log")));

        dpkg("--purge", "switchboard");
        assertFalse(Files.exists(ETC));
        assertFalse(Files.exists(VAR_LIB));
        assertFalse(Files.exists(VAR_LOG));
        touched = false;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void dpkg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("dpkg", "--force-confold"));
        command.addAll(List.of(args));
        Run run = run(command, "");
        assertEquals(run.output(), 0, run.status());
    }

    /** The first package unpacked and built again with a higher version: what a next release is to dpkg. */
    private static Path secondBuild() throws Exception {
        Path tree = work.resolve("second");
        assertEquals(0, run(List.of("dpkg-deb", "-R", deb.toString(), tree.toString()), "").status());
        Path control = tree.resolve("DEBIAN/control");
        String first = version(deb);
        Files.writeString(control, Files.readString(control).replace("Version: " + first + "\n", "Version: " + first + "+1\n"));
        Path second = work.resolve("switchboard-second.deb");
        Run built = run(List.of("dpkg-deb", "-b", tree.toString(), second.toString()), "");
        assertEquals(built.output(), 0, built.status());
        assertEquals(0, run(List.of("dpkg", "--compare-versions", version(second), "gt", first), "").status());
        return second;
    }

    private static String version(Path deb) throws Exception {
        return run(List.of("dpkg-deb", "-f", deb.toString(), "Version"), "").output().trim();
    }

    private static void startAndAwaitTheReport() throws Exception {
        Run started = asSwitchboard("", "start");
        assertEquals(started.output(), 0, started.status());
        await("the start-up report").atMost(STEP).pollInterval(Duration.ofSeconds(1))
                .until(() -> asSwitchboard("", "status").output(), output -> output.contains(tcpPort + " (STARTTLS)"));
    }

    private static void stop() throws Exception {
        Run stopped = asSwitchboard("", "stop");
        assertEquals(stopped.output(), 0, stopped.status());
        assertEquals(3, asSwitchboard("", "status").status());
    }

    private static void logIn(X509TrustManager trust) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain("localhost").setHost("127.0.0.1").setPort(tcpPort)
                .setUsernameAndPassword("operator", PASSWORD).setResource("desktop")
                .setSecurityMode(SecurityMode.required).setCustomX509TrustManager(trust)
                .build());
        connection.setReplyTimeout(Duration.ofSeconds(30).toMillis());
        try {
            connection.connect().login();
            assertEquals("operator@localhost/desktop", connection.getUser().toString());
        } finally {
            connection.disconnect();
        }
    }

    /** bin/switchboard ARGS as the package's user, as its systemd unit runs the server. */
    private static Run asSwitchboard(String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "switchboard", "--", OPT.resolve("bin/switchboard").toString()));
        command.addAll(List.of(args));
        return run(command, input);
    }

    private static Run run(List<String> command, String input) throws Exception {
        Path output = Files.createTempFile("debian-package-it", ".out");
        try {
            // from / : the switchboard user may not enter the build's folders
            Process process = new ProcessBuilder(command).directory(Path.of("/").toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            assertTrue(String.join(" ", command) + " did not end", process.waitFor(STEP.toSeconds(), TimeUnit.SECONDS));
            return new Run(process.exitValue(), Files.readString(output));
        } finally {
            Files.delete(output);
        }
    }

    private static void set(String pid, Map<String, String> values) throws Exception {
        InstalledDistribution.set(OPT, pid, values);
    }

    private static X509TrustManager trustTheServersCertificate() throws Exception {
        return SmackDesktop.trusting(VAR_LIB.resolve("switchboard.p12"));
    }
}
