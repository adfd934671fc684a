package io.switchboard.itests;

import static io.switchboard.itests.InstalledDistribution.STEP;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import io.switchboard.itests.InstalledDistribution.Run;

/**
 * The log of a server started with bin/switchboard start, as an operator meets it: logs/switchboard.log
 * with entries from SLF4J and from the OSGi Log Service, rolled over by size (the test's copy of
 * config/logback.xml allows 2 KB a file), levels changed in config/logback.xml while it runs and
 * with switchboard:loglevel over the SSH shell, and the last entries in the shell and the web console.
 * Plain JUnit: the server is a process of its own.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class LoggingIT {

    /** A logger that writes one DEBUG line each time a stream ends (core's ClientStream). */
    private static final String STREAMS = "io.switchboard.core.impl.ClientStream";
    private static final String STREAM_ENDED = "ended with host-unknown";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "1234";
    /** The shipped file's scan attribute and its period. */
    private static final Pattern SCAN = Pattern.compile("<configuration scan=\"true\" scanPeriod=\"[^\"]+\">");

    private static Path home;
    private static Path logbackXml;
    private static String shippedLogbackXml;
    private static int tcpPort;
    private static int plainPort;

    @BeforeClass
    public static void startTheServerWithSmallLogFiles() throws Exception {
        home = InstalledDistribution.install(LoggingIT.class);
        tcpPort = SwitchboardOptions.freePort();
        plainPort = SwitchboardOptions.freePort();
        InstalledDistribution.set(home, "io.switchboard.http", Map.of("secureHost", "127.0.0.1",
                "securePort", String.valueOf(SwitchboardOptions.freePort()), "additionalSecurePorts", "-1", "plainPort", String.valueOf(plainPort)));
        InstalledDistribution.set(home, "io.switchboard.transport.tcp", Map.of("host", "127.0.0.1", "port", String.valueOf(tcpPort),
                "directTlsPort", String.valueOf(SwitchboardOptions.freePort())));
        InstalledDistribution.set(home, "io.switchboard.component.external", Map.of("port", String.valueOf(SwitchboardOptions.freePort())));
        InstalledDistribution.set(home, "io.switchboard.shell.ssh", Map.of("port", "\"" + SwitchboardOptions.freePort() + "\""));

        logbackXml = home.resolve("config/logback.xml");
        shippedLogbackXml = Files.readString(logbackXml);
        // small files, to see them roll over; the OSGi Log Service's bundle events of our bundles; and the file
        // looked at every second instead of every 10, so that the tests of a changed file do not wait out the period
        assertTrue("the shipped file is read again while the server runs", SCAN.matcher(shippedLogbackXml).find());
        writeLogbackXml(SCAN.matcher(shippedLogbackXml).replaceFirst("<configuration scan=\"true\" scanPeriod=\"1 seconds\">")
                .replace("<property name=\"maxFileSize\" value=\"50MB\"/>", "<property name=\"maxFileSize\" value=\"2KB\"/>")
                .replace("<root ", "<logger name=\"Events.Bundle.io.switchboard\" level=\"INFO\"/>\n  <root "));

        Run started = script("start");
        assertEquals(started.output(), 0, started.status());
        Run status = await("the start-up report").atMost(STEP).pollInterval(Duration.ofMillis(250))
                .until(() -> script("status"), run -> run.output().contains("Live board"));
        assertEquals(status.output(), 0, status.status());
    }

    @AfterClass
    public static void stopTheServer() throws Exception {
        if (home != null) {
            InstalledDistribution.script(home, Map.of("SWITCHBOARD_STOP_TIMEOUT", "60"), "", "stop");
        }
    }

    @Test
    public void a_theLogFileHasEntriesFromSlf4jAndFromTheOsgiLogService() throws Exception {
        String log = wholeLog();
        assertTrue("SLF4J: the health bundle's start-up report", log.contains("i.s.health.impl.StartupReport - Switchboard is ready"));
        assertTrue("the OSGi Log Service: the framework's bundle events, through Felix Logback",
                Pattern.compile("Events\\.Bundle\\.io\\.switchboard\\.core - BundleEvent STARTED").matcher(log).find());
        assertFalse("bin/switchboard start writes the log to the file only",
                Files.readString(home.resolve("logs/switchboard.out")).contains("Switchboard is ready"));
    }

    @Test
    public void b_theLogRollsOverWhenAFileReachesItsSize() throws Exception {
        List<Path> rolled = rolledFiles();
        assertFalse("rolled files beside switchboard.log: " + rolled, rolled.isEmpty());
        for (Path file : rolled) {
            assertTrue(file.getFileName().toString(), file.getFileName().toString().matches("switchboard\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.log\\.gz"));
            String text = gunzip(file);
            assertTrue("a rolled file holds entries", text.contains(" INFO  ") || text.contains(" WARN  "));
            assertTrue("and stays about its size", text.length() < 64 * 1024);
        }
        assertTrue(Files.size(home.resolve("logs/switchboard.log")) < 64 * 1024);
    }

    @Test
    public void c_aLevelSetInTheFileTakesEffectWhileTheServerRuns() throws Exception {
        int before = count(STREAM_ENDED);
        writeLogbackXml(Files.readString(logbackXml).replace("<root ", "<logger name=\"" + STREAMS + "\" level=\"DEBUG\"/>\n  <root "));
        // Logback looks at the file every second here
        await("a DEBUG line from " + STREAMS).atMost(STEP).pollInterval(Duration.ofMillis(500)).until(() -> {
            endAStreamWithAnError();
            return count(STREAM_ENDED) > before;
        });
        assertTrue(wholeLog().contains("DEBUG [") && wholeLog().contains("ended with host-unknown"));
    }

    @Test
    public void d_andTheLevelGoesWhenItLeavesTheFile() throws Exception {
        writeLogbackXml(Files.readString(logbackXml).replace("<logger name=\"" + STREAMS + "\" level=\"DEBUG\"/>\n  ", ""));
        await("the file read again").atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> shell("switchboard:loglevel " + STREAMS).output(), output -> output.contains(STREAMS + " INFO (inherited)"));
        int before = count(STREAM_ENDED);
        endAStreamWithAnError();
        await("no DEBUG line any more").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> count(STREAM_ENDED) == before);
    }

    @Test
    public void e_switchboardLoglevelInTheSshShellChangesALevelAndSwitchboardLogShowsTheEntries() throws Exception {
        Run set = shell("switchboard:loglevel " + STREAMS + " debug");
        assertEquals(set.output(), 0, set.status());
        assertTrue(set.output(), set.output().contains(STREAMS + " DEBUG"));
        Run listed = shell("switchboard:loglevel");
        assertTrue(listed.output(), Pattern.compile("(?m)^ROOT\\s+INFO$").matcher(listed.output()).find());
        assertTrue(listed.output(), Pattern.compile("(?m)^" + Pattern.quote(STREAMS) + "\\s+DEBUG$").matcher(listed.output()).find());
        Run typo = shell("switchboard:loglevel " + STREAMS + " DEBGU");
        assertTrue(typo.output(), typo.output().contains("Not a level: DEBGU"));

        int before = count(STREAM_ENDED);
        endAStreamWithAnError();
        await("a DEBUG line again").atMost(STEP).until(() -> count(STREAM_ENDED) > before);
        Run recent = shell("switchboard:log 50");
        assertEquals(recent.output(), 0, recent.status());
        assertTrue(recent.output(), recent.output().contains("Level of " + STREAMS + " set to DEBUG from the shell"));
        assertTrue(recent.output(), recent.output().contains(STREAM_ENDED));
    }

    @Test
    public void f_theWebConsoleShowsTheEntries() throws Exception {
        String osgiLog = get("/system/console/logs.json");
        assertTrue("the console's Log Service page: the OSGi Log Service's entries", osgiLog.contains("BundleEvent STARTED"));
        String page = get("/system/console/switchboard-log");
        assertTrue("Switchboard's Log page: every source", page.contains("<pre id=\"switchboard-log\"") && page.contains(STREAM_ENDED));
        assertEquals("and only for administrators", 401, status("/system/console/switchboard-log", "agent1", "1234"));
    }

    @Test
    public void g_aBrokenFileIsReportedWithItsLineAndTheLastGoodOneStays() throws Exception {
        String good = Files.readString(logbackXml);
        writeLogbackXml(good.replace("<root ", "<broken\n  <root "));
        Path out = home.resolve("logs/switchboard.out");
        String said = await("the error on standard error").atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readString(out), text -> text.contains("ERROR Logback: XML_PARSING"));
        assertTrue(said, said.contains("config/logback.xml"));
        // the last good file's configuration: the same levels, still writing to switchboard.log
        String loggedIn = "SSH shell: admin logged in";
        int before = count(loggedIn);
        Run levels = shell("switchboard:loglevel");
        assertTrue(levels.output(), Pattern.compile("(?m)^Events\\s+WARN$").matcher(levels.output()).find());
        await("still logging to the file").atMost(STEP).until(() -> count(loggedIn) > before);
        writeLogbackXml(good);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Run script(String... args) throws Exception {
        return InstalledDistribution.script(home, Map.of(), "", args);
    }

    /** One command in the SSH shell, through bin/switchboard client's Java client (the password on standard input). */
    private static Run shell(String command) throws Exception {
        return InstalledDistribution.script(home, Map.of("SWITCHBOARD_CLIENT", "java"), ADMIN_PASSWORD + "\n",
                "client", "-u", ADMIN, command);
    }

    /** Logback takes a file that changed; written whole, so it never reads half of one. */
    private static void writeLogbackXml(String text) throws IOException {
        Path draft = logbackXml.resolveSibling(".logback.xml.draft");
        Files.writeString(draft, text);
        Files.move(draft, logbackXml, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A TCP stream to a domain the server does not serve: it ends with a host-unknown stream error (RFC 6120 4.9.3.6). */
    private static void endAStreamWithAnError() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", tcpPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("<?xml version='1.0'?><stream:stream to='nosuch.example' version='1.0' xmlns='jabber:client'"
                    + " xmlns:stream='http://etherx.jabber.org/streams'>").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            in.readAllBytes(); // until the server closes
        }
    }

    /** switchboard.log and every rolled file, oldest first. */
    private static String wholeLog() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path file : rolledFiles()) {
            text.append(gunzip(file));
        }
        return text.append(Files.readString(home.resolve("logs/switchboard.log"))).toString();
    }

    private static int count(String text) throws IOException {
        return wholeLog().split(Pattern.quote(text), -1).length - 1;
    }

    private static List<Path> rolledFiles() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("logs"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log.gz"))
                    .sorted((a, b) -> Long.compare(modified(a), modified(b))).toList();
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String get(String path) throws IOException {
        HttpURLConnection connection = open(path, ADMIN, ADMIN_PASSWORD);
        assertEquals(path, 200, connection.getResponseCode());
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String path, String user, String password) throws IOException {
        return open(path, user, password).getResponseCode();
    }

    private static HttpURLConnection open(String path, String user, String password) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + plainPort + path).toURL().openConnection();
        connection.setRequestProperty("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return connection;
    }
}
