package io.switchboard.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.switchboard.credentials.UserCredentials;

public class ContactCentreTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** Three notifications as Switchboard sent them to supervisor1's desktop (its User node, then its team's). */
    private static List<String> captured() throws IOException {
        try (InputStream in = ContactCentreTest.class.getResourceAsStream("notifications.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    public void readsTheUpdateOfAUserNode() throws IOException {
        ContactCentre.Update update = ContactCentre.Update.parse(captured().get(0));

        assertEquals(new ContactCentre.Update("/finesse/api/User/supervisor1", "a4a6df7b324e2f3f", "supervisor1", "READY",
                "2026-11-29T09:42:07.930Z"), update);
    }

    @Test
    public void readsWhoseChangeATeamNodeCarries() throws IOException {
        ContactCentre.Update update = ContactCentre.Update.parse(captured().get(2));

        assertEquals("/finesse/api/Team/1/Users", update.node());
        assertEquals("agent1", update.user());
        assertEquals("READY", update.state());
        assertEquals("2026-11-29T09:42:08.930Z", update.time());
    }

    @Test
    public void readsAnUpdateWrittenAsElementsToo() {
        ContactCentre.Update update = ContactCentre.Update.parse("<message><event><items node='/q'><item id='1'><Update>"
                + "<state>TALKING</state><source>/finesse/api/User/a</source></Update></item></items></event></message>");

        assertEquals("TALKING", update.state());
        assertEquals("a", update.user());
        assertNull(update.time());
        assertNull(ContactCentre.Update.parse("<message><body>hello</body></message>"));
    }

    @Test
    public void teamsTakeTheAgentsInBlocks() {
        ContactCentre.Centre centre = new ContactCentre.Centre(2000, 100);

        assertEquals(1, centre.teamOf(1));
        assertEquals(1, centre.teamOf(20));
        assertEquals(2, centre.teamOf(21));
        assertEquals(100, centre.teamOf(2000));
        assertEquals(3, new ContactCentre.Centre(10, 3).teamOf(10));
    }

    @Test
    public void writesTheSimulatorsConfigurationAndEveryUser() throws Exception {
        Path dir = folder.newFolder().toPath();
        Files.createDirectories(dir.resolve("config"));

        ContactCentre.configure(Map.of("dir", dir.toString(), "agents", "6", "teams", "2", "password", "secret"));

        String simulator = Files.readString(dir.resolve("config/io.switchboard.eventsource.simulator.cfg"));
        assertTrue(simulator, simulator.contains("teams = [ \"1:Team 1\", \"2:Team 2\" ]"));
        assertTrue(simulator, simulator.contains("agents = [ \"agent1:1\", \"agent2:1\", \"agent3:1\", \"agent4:2\", \"agent5:2\", \"agent6:2\" ]"));
        assertTrue(simulator, simulator.contains("supervisors = [ \"supervisor1:1\", \"supervisor2:2\" ]"));
        assertTrue(simulator, simulator.contains("intervalMillis = \"20\""));
        assertTrue("no call keys unless asked", !simulator.contains("callsPerMinute"));
        Properties users = new Properties();
        try (var reader = Files.newBufferedReader(dir.resolve("config/users.properties"))) {
            users.load(reader);
        }
        assertEquals(List.of("agent1", "agent2", "agent3", "agent4", "agent5", "agent6", "supervisor1", "supervisor2"),
                users.stringPropertyNames().stream().sorted().collect(Collectors.toList()));
        assertTrue(UserCredentials.decode(users.getProperty("agent4").split(" ")).verify("secret"));
    }

    @Test
    public void callsAndMoreKeysAreWrittenQuoted() throws Exception {
        Path dir = folder.newFolder().toPath();
        Files.createDirectories(dir.resolve("config"));

        ContactCentre.configure(Map.of("dir", dir.toString(), "agents", "2", "teams", "1", "calls", "1200",
                "simulator", "ringSeconds=2;queueStatisticsMillis = 500"));

        String simulator = Files.readString(dir.resolve("config/io.switchboard.eventsource.simulator.cfg"));
        assertTrue(simulator, simulator.contains("callsPerMinute = \"1200.0\""));
        assertTrue("with calls the pace is the agents' breaks only", simulator.contains("intervalMillis = \"2000\""));
        assertTrue(simulator, simulator.contains("ringSeconds = \"2\"\nqueueStatisticsMillis = \"500\"\n"));
    }
}
