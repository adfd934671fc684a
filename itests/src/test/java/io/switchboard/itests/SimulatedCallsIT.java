package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.w3c.dom.Element;

/**
 * The simulator with calls, as desktops see it: calls of queue q1 go to team 1 (agent1, agent2 and
 * the supervisor administrator), ring half a second, last about a second, are all held once and
 * followed by short wrap-ups. An agent's desktop receives its dialogs without subscribing (the
 * server subscribes it, as Finesse does); a supervisor subscribes to the queue and the team.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SimulatedCallsIT {

    private static final String DIALOGS = "/finesse/api/User/agent1/Dialogs";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        // appended to the class's simulator file (SwitchboardOptions): a later key wins
        return SwitchboardOptions.server(SimulatedCallsIT.class, Map.of("io.switchboard.eventsource.simulator", List.of(
                "intervalMillis = \"3600000\"",
                "queues = [ \"q1:Team One Queue:1\" ]",
                "callsPerMinute = \"30\"",
                "ringSeconds = \"0.5\"",
                "handleSeconds = \"1\"",
                "holdPercent = \"100\"",
                "holdSeconds = \"0.5\"",
                "wrapUpPercent = \"50\"",
                "wrapUpSeconds = \"0.5\"",
                "notReadyPercent = \"0\"",
                "notReadySeconds = \"0.5\"",
                "queueStatisticsMillis = \"200\"")));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "administrator");
    }

    @Test
    public void anAgentsDesktopReceivesItsCallsOnItsDialogsNodeWhileItsStateFollows() throws Exception {
        try (RawXmppClient desktop = RawXmppClient.connect()) {
            desktop.login("agent1", "desktop");
            desktop.send("<presence xmlns='jabber:client'><priority>1</priority></presence>");

            Map<String, List<String>> dialogs = new LinkedHashMap<>(); // id → "POST ALERTING", "PUT ACTIVE", …
            List<String> states = new ArrayList<>();
            String complete = null;
            Instant deadline = Instant.now().plusSeconds(60);
            while (complete == null && Instant.now().isBefore(deadline)) {
                Element message = desktop.next("message");
                Element event = Xml.child(message, "event");
                Element items = event == null ? null : Xml.child(event, "items");
                Element item = items == null ? null : Xml.child(items, "item");
                if (item == null) {
                    continue; // not an item (a retraction, say)
                }
                Element notification = Xml.child(item, "notification");
                assertTrue("the Update travels as escaped text", Xml.children(notification, "*").isEmpty());
                Element update = Xml.parse(notification.getTextContent());
                Element data = Xml.child(update, "data");
                String node = Xml.attribute(items, "node");
                if (node.equals("/finesse/api/User/agent1")) {
                    states.add(Xml.childText(Xml.child(data, "user"), "state"));
                } else if (node.equals(DIALOGS)) {
                    Element dialog = Xml.child(data, "Dialog");
                    String id = Xml.childText(dialog, "id");
                    assertEquals("/finesse/api/Dialog/" + id, Xml.childText(update, "source"));
                    assertEquals("q1", Xml.childText(dialog, "toAddress"));
                    assertEquals("Voice", Xml.childText(dialog, "mediaType"));
                    assertEquals("1001", Xml.childText(Xml.child(Xml.child(dialog, "participants"), "Participant"), "mediaAddress"));
                    dialogs.computeIfAbsent(id, key -> new ArrayList<>())
                            .add(Xml.childText(update, "event") + " " + Xml.childText(dialog, "state"));
                    if (dialogs.get(id).get(0).equals("POST ALERTING") && Xml.childText(update, "event").equals("DELETE")) {
                        complete = id;
                    }
                }
            }
            assertTrue("a whole call reached agent1's desktop within a minute: " + dialogs, complete != null);
            assertEquals(List.of("POST ALERTING", "PUT ACTIVE", "PUT HELD", "PUT ACTIVE", "DELETE DROPPED"), dialogs.get(complete));
            assertTrue("its state went with the call: " + states, String.join(" ", states).contains("RESERVED TALKING HOLD TALKING"));
        }
    }

    @Test
    public void aSupervisorSeesTheQueueStatisticsAndItsTeamOnCalls() throws Exception {
        try (SmackDesktop supervisor = SmackDesktop.of("administrator").login()) {
            List<Element> queue = supervisor.subscribe("/finesse/api/Queue/q1");
            List<Element> team = supervisor.subscribe("/finesse/api/Team/1/Users");

            await("queue statistics of q1").atMost(Duration.ofSeconds(30)).until(() -> queue.stream().anyMatch(update -> {
                Element statistics = Xml.child(Xml.child(Xml.child(update, "data"), "Queue"), "statistics");
                return Integer.parseInt(Xml.childText(statistics, "agentsTalkingInbound")) > 0;
            }));
            Element first = queue.get(0);
            assertEquals("/finesse/api/Queue/q1", Xml.childText(first, "source"));
            Element document = Xml.child(Xml.child(first, "data"), "Queue");
            assertEquals("Team One Queue", Xml.childText(document, "name"));
            assertEquals("team 1: agent1, agent2 and administrator", "3",
                    Xml.childText(Xml.child(document, "statistics"), "agentsLoggedOn"));

            await("team members on calls").atMost(Duration.ofSeconds(30)).until(() -> team.stream()
                    .map(update -> Xml.childText(Xml.child(Xml.child(update, "data"), "user"), "state"))
                    .toList().containsAll(List.of("RESERVED", "TALKING", "HOLD")));
        }
    }
}
