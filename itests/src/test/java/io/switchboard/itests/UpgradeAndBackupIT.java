package io.switchboard.itests;

import static io.switchboard.itests.InstalledDistribution.STEP;
import static io.switchboard.itests.InstalledDistribution.run;
import static io.switchboard.itests.InstalledDistribution.script;
import static io.switchboard.itests.InstalledDistribution.set;
import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import org.w3c.dom.Element;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import io.switchboard.itests.InstalledDistribution.Run;

/**
 * An upgrade and a backup as docs/operations.md tells an operator to do them, on the distribution
 * run by bin/switchboard as processes: an "old" release (the distribution plus a bundle the new one
 * no longer ships) makes data and an online backup; the new release's tarball is unpacked over it
 * (its release folders removed first, config/ kept), and must start with the old data and users and
 * without the dropped bundle; the backup restored into a fresh unpacked release brings the data
 * back; and /health warns while an account still has the demo password. Plain JUnit, in order.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class UpgradeAndBackupIT {

    private static final String DROPPED = "io.switchboard.itest.dropped";
    private static final String PASSWORD = "operator's own";
    private static final String NODE = "/upgrade/news";
    private static final String PUBSUB = "pubsub." + DOMAIN;
    private static final List<String> SHIPPED_DEMO_ACCOUNTS = List.of("admin", "agent1", "agent2", "agent3", "agent4", "agent5",
            "agent6", "supervisor1", "supervisor2");

    private static Path work;
    private static Path tarball;
    private static Path backup;
    private static Path running; // the folder whose server may still run, for the clean-up
    private static int plainPort;
    private static int sshPort;

    @BeforeClass
    public static void ports() throws IOException {
        work = Path.of("target", "itest", UpgradeAndBackupIT.class.getSimpleName()).toAbsolutePath();
        SwitchboardOptions.deleteRecursively(work);
        Files.createDirectories(work);
        tarball = SwitchboardOptions.distribution().resolveSibling("switchboard.tar.gz");
        assertTrue("the distribution's tarball: " + tarball, Files.isRegularFile(tarball));
        backup = work.resolve("backup");
        plainPort = SwitchboardOptions.freePort();
        sshPort = SwitchboardOptions.freePort();
        System.setProperty(SwitchboardOptions.PLAIN_PORT, String.valueOf(plainPort)); // for RawXmppClient
    }

    @AfterClass
    public static void stopWhateverStillRuns() throws Exception {
        if (running != null) {
            script(running, Map.of(), "", "stop");
        }
    }

    @Test
    public void a_theOldReleaseRunsWithABundleTheNewOneDoesNotShip() throws Exception {
        Path old = work.resolve("old");
        unpack(old);
        writeBundle(old.resolve("bundle/dropped-1.0.0.jar"));
        configure(old);
        assertEquals(0, script(old, Map.of(), PASSWORD + "\n", "adduser", "operator").status());

        start(old);
        String bundles = shell(old, "lb -s").output();
        assertTrue(bundles, bundles.contains(DROPPED));
    }

    @Test
    public void b_dataIsMadeAndBackedUpWhileTheServerRuns() throws Exception {
        Path old = work.resolve("old");
        try (RawXmppClient owner = RawXmppClient.connect()) {
            owner.login("agent1", "desktop");
            assertEquals("result", type(owner.set(PUBSUB, "<pubsub xmlns='http://jabber.org/protocol/pubsub'><create node='" + NODE
                    + "'/></pubsub>")));
            assertEquals("result", type(owner.set(PUBSUB, "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='" + NODE
                    + "'><item id='kept'><entry xmlns='urn:test'>before the upgrade</entry></item></publish></pubsub>")));
            assertEquals("result", type(owner.set("agent1@" + DOMAIN, "<query xmlns='jabber:iq:roster'><item jid='agent2@" + DOMAIN
                    + "' name='Agent Two'><group>Team 1</group></item></query>")));
        }

        Run done = shell(old, "switchboard:backup " + backup);
        assertEquals(done.output(), 0, done.status());
        assertTrue(done.output(), done.output().contains("Backed up to " + backup));
        for (String file : List.of("pubsub.zip", "roster.zip", "users.properties")) {
            assertTrue(file + " in " + done.output(), Files.size(backup.resolve(file)) > 0);
        }

        Path notAFolder = Files.writeString(work.resolve("not-a-folder"), "");
        Run refused = shell(old, "switchboard:backup " + notAFolder.resolve("backup"));
        assertEquals(refused.output(), 1, refused.status());
        assertTrue(refused.output(), refused.output().contains("cannot back up to " + notAFolder.resolve("backup")));
    }

    @Test
    public void c_theNewReleaseUnpackedOverTheOldKeepsConfigurationUsersAndDataAndDropsTheBundle() throws Exception {
        Path old = work.resolve("old");
        stop(old);
        String edited = Files.readString(old.resolve("config/io.switchboard.http.cfg"));

        // docs/operations.md, "Upgrading": the release's own folders go, config/, data/, deploy/ and logs/ stay
        Run upgrade = sh(old, "rm -rf bin boot bundle conf lib systemd && tar -xzf '" + tarball + "' --skip-old-files");
        assertEquals(upgrade.output(), 0, upgrade.status());
        assertFalse(Files.exists(old.resolve("bundle/dropped-1.0.0.jar")));
        assertEquals("the operator's configuration is kept", edited, Files.readString(old.resolve("config/io.switchboard.http.cfg")));

        start(old);
        String bundles = shell(old, "lb -s").output();
        assertFalse("the dropped bundle is uninstalled: " + bundles, bundles.contains(DROPPED));
        assertTrue(Files.readString(old.resolve("logs/switchboard.out")).contains("Uninstalled " + DROPPED + " 1.0.0"));
        assertTheDataIsThere();
        stop(old);
    }

    @Test
    public void d_theBackupRestoredIntoAFreshReleaseBringsTheItemsRostersAndUsersBack() throws Exception {
        Path fresh = work.resolve("fresh");
        unpack(fresh);
        configure(fresh);
        // docs/operations.md, "Restoring": the users file into config/, the databases into data/
        Run restore = sh(fresh, "cp '" + backup.resolve("users.properties") + "' config/ && mkdir -p data"
                + " && unzip -o '" + backup.resolve("pubsub.zip") + "' -d data && unzip -o '" + backup.resolve("roster.zip") + "' -d data");
        assertEquals(restore.output(), 0, restore.status());

        start(fresh);
        assertTheDataIsThere();
    }

    @Test
    public void e_healthWarnsWhileAnyAccountHasTheDemoPasswordAndIsOkOnceNoneHas() throws Exception {
        Path fresh = work.resolve("fresh");
        String warned = health();
        assertTrue(warned, warned.startsWith("{\"status\":\"UP\""));
        assertTrue(warned, warned.contains("\"demo-passwords\":{\"healthy\":true,\"message\":\"accounts with the demo password 1234: "
                + String.join(", ", SHIPPED_DEMO_ACCOUNTS) + ";"));
        assertTrue(warned, Pattern.compile("\"demo-passwords\":\\{[^}]*\"status\":\"WARN\"").matcher(warned).find());
        Run status = script(fresh, Map.of(), "", "status");
        assertTrue(status.output(), status.output().contains("Demo users with the demo password 1234: admin, agent1"));

        // the admin gets a password of its own, the demo agents and supervisors go
        List<String> commands = new ArrayList<>(List.of("switchboard:passwd admin 'a better one'"));
        SHIPPED_DEMO_ACCOUNTS.stream().filter(account -> !account.equals("admin")).forEach(account -> commands.add("switchboard:deluser " + account));
        Run changed = shell(fresh, String.join(" ; ", commands));
        assertEquals(changed.output(), 0, changed.status());

        String ok = await("no demo password left").atMost(Duration.ofSeconds(30))
                .until(UpgradeAndBackupIT::health, body -> body.contains("\"demo-passwords\":{\"healthy\":true,\"message\":\"no account has the demo password\""));
        assertTrue(ok, Pattern.compile("\"demo-passwords\":\\{[^}]*\"status\":\"OK\"").matcher(ok).find());
        stop(fresh);
    }

    // ---- what the data looks like ---------------------------------------------------------------

    private static void assertTheDataIsThere() throws Exception {
        try (RawXmppClient owner = RawXmppClient.connect(); RawXmppClient operator = RawXmppClient.connect()) {
            owner.login("agent1", "desktop");
            Element items = owner.get(PUBSUB, "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='" + NODE + "'/></pubsub>");
            List<Element> kept = Xml.children(Xml.child(Xml.child(items, "pubsub"), "items"), "item");
            assertEquals(1, kept.size());
            assertEquals("before the upgrade", Xml.childText(kept.get(0), "entry"));

            Element roster = owner.get("agent1@" + DOMAIN, "<query xmlns='jabber:iq:roster'/>");
            Element contact = Xml.child(Xml.child(roster, "query"), "item");
            assertEquals("agent2@" + DOMAIN, Xml.attribute(contact, "jid"));
            assertEquals("Agent Two", Xml.attribute(contact, "name"));

            // the user adduser made logs in with its password
            operator.open(DOMAIN);
            assertEquals("success", Xml.name(operator.authPlain(RawXmppClient.plain("", "operator", PASSWORD))));
        }
    }

    private static String type(Element answer) {
        return Xml.attribute(answer, "type");
    }

    private static String health() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(response.body(), 200, response.statusCode());
        return response.body();
    }

    // ---- the server's folder ----------------------------------------------------------------------

    /** The release's tarball unpacked into a new folder, as an operator installs it. */
    private static void unpack(Path folder) throws Exception {
        Files.createDirectories(folder);
        Run unpacked = sh(folder, "tar -xzf '" + tarball + "'");
        assertEquals(unpacked.output(), 0, unpacked.status());
    }

    /** Ports of this test's, the test's domain, an SSH administrator with a password of its own, as an operator edits config/. */
    private static void configure(Path folder) throws IOException {
        set(folder, "io.switchboard.core", Map.of("domain", DOMAIN));
        set(folder, "io.switchboard.http", Map.of("securePort", "-1", "additionalSecurePorts", "-1", "plainPort", String.valueOf(plainPort)));
        set(folder, "io.switchboard.transport.tcp", Map.of("port", "-1", "directTlsPort", "-1"));
        set(folder, "io.switchboard.component.external", Map.of("port", "-1"));
        set(folder, "io.switchboard.shell.ssh", Map.of("port", "\"" + sshPort + "\"", "admins", "[ \"operator\" ]"));
    }

    /** A bundle of nothing but a manifest: what an old release shipped and a new one dropped. */
    private static void writeBundle(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Bundle-ManifestVersion", "2");
        attributes.putValue("Bundle-SymbolicName", DROPPED);
        attributes.putValue("Bundle-Version", "1.0.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is all
        }
    }

    private static void start(Path folder) throws Exception {
        Run started = script(folder, Map.of(), "", "start");
        assertEquals(started.output(), 0, started.status());
        running = folder;
        await("the start-up report of " + folder).atMost(STEP).pollInterval(Duration.ofMillis(250))
                .until(() -> script(folder, Map.of(), "", "status"), run -> run.output().contains("Live board"));
    }

    private static void stop(Path folder) throws Exception {
        Run stopped = script(folder, Map.of("SWITCHBOARD_STOP_TIMEOUT", "60"), "", "stop");
        assertEquals(stopped.output(), 0, stopped.status());
    }

    /** A command in the server's shell over SSH, as the operator (the Java client: the password from standard input). */
    private static Run shell(Path folder, String command) throws Exception {
        return script(folder, Map.of("SWITCHBOARD_CLIENT", "java"), PASSWORD + "\n", "client", "-u", "operator", command);
    }

    private static Run sh(Path folder, String commandLine) throws Exception {
        return run(folder, new ProcessBuilder("sh", "-c", commandLine), Map.of(), "");
    }
}
