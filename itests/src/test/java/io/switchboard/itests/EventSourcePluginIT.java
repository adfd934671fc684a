package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.IntStream;

import javax.inject.Inject;

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
import org.osgi.framework.Version;
import org.w3c.dom.Element;

/**
 * An integrator's event source (examples/example-eventsource, which reads agent states from a CSV
 * file) installed, updated to a new version and uninstalled while 20 desktops stay connected and
 * subscribed: its events reach them while it runs, continue across the update, and stop when it
 * is gone; no desktop is disconnected.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EventSourcePluginIT {

    private static final int CLIENTS = 20;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(EventSourcePluginIT.class, Map.of("io.switchboard.example.csv", List.of(
                "file = \"" + Path.of("target", "itest", "EventSourcePluginIT", "agent-states.csv").toAbsolutePath() + "\"",
                "pollMillis = \"50\"")));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, IntStream.rangeClosed(1, CLIENTS).mapToObj(i -> "csv" + i).toArray(String[]::new));
        // the nodes are there before the source, as they are on a server that has run before
        Nodes.create(context, IntStream.rangeClosed(1, CLIENTS).mapToObj(i -> "/finesse/api/User/csv" + i).toArray(String[]::new));
    }

    @Test
    public void installUpdateAndUninstallWhileTwentyDesktopsStayConnected() throws Exception {
        List<SmackDesktop> desktops = new ArrayList<>();
        List<List<Element>> updates = new ArrayList<>();
        try {
            for (int i = 1; i <= CLIENTS; i++) {
                SmackDesktop desktop = SmackDesktop.of("csv" + i).login();
                desktops.add(desktop);
                updates.add(desktop.subscribe("/finesse/api/User/csv" + i));
            }
            int sessions = sessionCount();

            // installed: its events reach every subscriber
            writeStates("READY");
            Bundle source = context.installBundle(jar().toUri().toString());
            source.start();
            awaitEveryoneReceives(updates, "READY");
            assertTrue(Server.gogo(context, "switchboard:sources"), Server.gogo(context, "switchboard:sources").contains("csv  RUNNING"));

            // updated to 0.2.0 in place: events continue, nobody is disconnected
            Version before = source.getVersion();
            try (InputStream newer = new ByteArrayInputStream(withVersion(jar(), "0.2.0"))) {
                source.update(newer);
            }
            assertEquals(new Version(0, 2, 0), source.getVersion());
            assertTrue(before.compareTo(source.getVersion()) < 0);
            await().atMost(Duration.ofSeconds(20)).until(source::getState, state -> state == Bundle.ACTIVE);
            writeStates("TALKING");
            awaitEveryoneReceives(updates, "TALKING");
            assertAllConnected(desktops, sessions);

            // uninstalled: its events stop, the desktops stay
            source.uninstall();
            List<Integer> counts = updates.stream().map(List::size).toList();
            writeStates("NOT_READY");
            await("no event after uninstall").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> updates.stream().map(List::size).toList(), counts::equals);
            assertTrue(Server.gogo(context, "switchboard:sources"), !Server.gogo(context, "switchboard:sources").contains("csv"));
            assertAllConnected(desktops, sessions);
            for (SmackDesktop desktop : desktops) {
                assertTrue("a desktop still answers after the uninstall", desktop.pingServer());
            }
        } finally {
            desktops.forEach(SmackDesktop::close);
        }
    }

    private void awaitEveryoneReceives(List<List<Element>> updates, String state) {
        await(state + " at every desktop").atMost(Duration.ofSeconds(30)).until(() -> updates.stream().allMatch(
                received -> received.stream().anyMatch(update -> state.equals(stateOf(update)))));
    }

    private void assertAllConnected(List<SmackDesktop> desktops, int sessions) throws Exception {
        for (SmackDesktop desktop : desktops) {
            assertTrue(desktop.connection.isConnected() && desktop.connection.isAuthenticated());
        }
        assertEquals(sessions, sessionCount());
    }

    private int sessionCount() throws Exception {
        return (int) Server.gogo(context, "switchboard:sessions").lines().filter(line -> line.startsWith("csv")).count();
    }

    private static String stateOf(Element update) {
        return Xml.childText(Xml.child(Xml.child(update, "data"), "user"), "state");
    }

    /** Every client's agent in this state, written whole at once so the source never reads half a file. */
    private static void writeStates(String state) throws IOException {
        Path file = SwitchboardOptions.work().resolve("agent-states.csv");
        Path next = SwitchboardOptions.work().resolve("agent-states.csv.next");
        StringBuilder csv = new StringBuilder("# loginId,teamId,teamName,state\n");
        for (int i = 1; i <= CLIENTS; i++) {
            csv.append("csv").append(i).append(",9,Nine,").append(state).append('\n');
        }
        Files.writeString(next, csv, StandardCharsets.UTF_8);
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path jar() {
        return Path.of(System.getProperty("switchboard.example.eventsource"));
    }

    /** The same bundle with another Bundle-Version: what an integrator's next release looks like to the framework. */
    private static byte[] withVersion(Path jar, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
