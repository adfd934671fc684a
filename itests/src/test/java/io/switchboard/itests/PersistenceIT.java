package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.w3c.dom.Element;

/**
 * What the publish-subscribe service and the rosters acknowledged survives {@code kill -9}: the distribution runs
 * as the operator runs it, in a process of its own that the test kills without warning and starts
 * again on the same folder. (Not Pax Exam: the framework must die with the process.)
 */
public class PersistenceIT {

    private static final String NODE = "/persistence/news";
    private static final String PUBSUB = "pubsub." + DOMAIN;

    private Path server;
    private Process process;
    private int starts;

    @Before
    public void copyTheDistribution() throws IOException {
        server = Path.of("target", "itest", "PersistenceIT", "server").toAbsolutePath();
        SwitchboardOptions.deleteRecursively(server.getParent());
        Path distribution = SwitchboardOptions.distribution();
        try (Stream<Path> files = Files.walk(distribution)) {
            // not data/: a framework cache there belongs to the folder it was made in
            for (Path file : files.filter(file -> !file.startsWith(distribution.resolve("data"))).toList()) {
                Path copy = server.resolve(distribution.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.createDirectories(server.resolve("data"));
        int port = SwitchboardOptions.freePort();
        System.setProperty(SwitchboardOptions.PLAIN_PORT, String.valueOf(port));
        Path config = server.resolve("config");
        Files.writeString(config.resolve("io.switchboard.core.cfg"), "domain = " + DOMAIN + "\n");
        Files.writeString(config.resolve("io.switchboard.http.cfg"), "securePort = -1\nadditionalSecurePorts = -1\nplainPort = " + port + "\n");
        Files.writeString(config.resolve("io.switchboard.transport.tcp.cfg"), "port = -1\ndirectTlsPort = -1\n");
        Files.writeString(config.resolve("io.switchboard.component.external.cfg"), "port = -1\n");
    }

    @After
    public void stopTheServer() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    public void acknowledgedNodesSubscriptionsItemsAndRostersSurviveKillMinusNine() throws Exception {
        start();
        try (RawXmppClient owner = RawXmppClient.connect(); RawXmppClient reader = RawXmppClient.connect()) {
            owner.login("agent1", "desktop");
            String readerJid = reader.login("agent2", "desktop");
            assertEquals("result", type(owner.set(PUBSUB, "<pubsub xmlns='http://jabber.org/protocol/pubsub'><create node='" + NODE + "'/>"
                    + "<configure><x xmlns='jabber:x:data' type='submit'>"
                    + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#node_config</value></field>"
                    + "<field var='pubsub#max_items'><value>5</value></field></x></configure></pubsub>")));
            assertEquals("result", type(reader.set(PUBSUB, "<pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<subscribe node='" + NODE + "' jid='" + readerJid + "'/></pubsub>")));
            for (int i = 1; i <= 8; i++) {
                assertEquals("acknowledged", "result", type(owner.set(PUBSUB, publish("item" + i))));
            }
            // a roster item, and a subscription request that agent2 (not available) has not seen yet
            assertEquals("result", type(owner.set("agent1@" + DOMAIN, "<query xmlns='jabber:iq:roster'><item jid='agent2@" + DOMAIN
                    + "' name='Agent Two'><group>Team 1</group></item></query>")));
            owner.send("<presence xmlns='jabber:client' type='subscribe' to='agent2@" + DOMAIN + "'/>");
            owner.ping("after-subscribe"); // the request was handled before the ping
        }

        process.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no clean close of the database
        start();

        try (RawXmppClient owner = RawXmppClient.connect(); RawXmppClient reader = RawXmppClient.connect()) {
            owner.login("agent1", "desktop");
            reader.login("agent2", "desktop");
            Element items = reader.get(PUBSUB, "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='" + NODE + "'/></pubsub>");
            List<String> kept = Xml.children(Xml.child(Xml.child(items, "pubsub"), "items"), "item").stream()
                    .map(item -> Xml.attribute(item, "id")).toList();
            assertEquals("the five newest, newest first", List.of("item8", "item7", "item6", "item5", "item4"), kept);
            Element subscriptions = reader.get(PUBSUB, "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscriptions/></pubsub>");
            assertEquals(List.of(NODE), Xml.children(Xml.child(Xml.child(subscriptions, "pubsub"), "subscriptions"), "subscription")
                    .stream().map(subscription -> Xml.attribute(subscription, "node")).toList());

            Element roster = owner.get("agent1@" + DOMAIN, "<query xmlns='jabber:iq:roster'/>");
            Element contact = Xml.child(Xml.child(roster, "query"), "item");
            assertEquals("agent2@" + DOMAIN, Xml.attribute(contact, "jid"));
            assertEquals("Agent Two", Xml.attribute(contact, "name"));
            assertEquals("none", Xml.attribute(contact, "subscription"));
            assertEquals("subscribe", Xml.attribute(contact, "ask"));
            assertEquals("Team 1", Xml.childText(contact, "group"));
            reader.send("<presence xmlns='jabber:client'/>");
            Element request = reader.next("presence");
            while (!"subscribe".equals(Xml.attribute(request, "type"))) {
                request = reader.next("presence");
            }
            assertEquals("the stored request is delivered at agent2's initial presence", "agent1@" + DOMAIN, Xml.attribute(request, "from"));

            // the owner is still the owner, and the subscriber still gets what it publishes
            assertEquals("result", type(owner.set(PUBSUB, publish("item9"))));
            Element event = reader.next("message");
            Element item = Xml.child(Xml.child(Xml.child(event, "event"), "items"), "item");
            assertEquals("item9", Xml.attribute(item, "id"));
        }
    }

    private static String publish(String id) {
        return "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='" + NODE + "'><item id='" + id + "'>"
                + "<entry xmlns='urn:test'>" + id + "</entry></item></publish></pubsub>";
    }

    private static String type(Element answer) {
        return Xml.attribute(answer, "type");
    }

    /** Starts the distribution as bin/switchboard does, and waits until it takes logins. */
    private void start() throws IOException {
        Path log = server.resolve("server-" + ++starts + ".log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgosh.args=--nointeractive", "-jar", "bin/felix.jar")
                .directory(server.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String ready = "XMPP over WebSocket at /ws/, /ws, /xmpp-websocket on http://127.0.0.1:" + SwitchboardOptions.plainPort();
        await("the server in " + server + " is up (" + log + ")").atMost(Duration.ofSeconds(60))
                .until(() -> Files.readString(log, StandardCharsets.UTF_8).contains(ready)
                        && Files.readString(log, StandardCharsets.UTF_8).contains("read back from the store"));
    }
}
