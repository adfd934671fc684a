package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import javax.inject.Inject;

import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
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
import org.w3c.dom.Element;

/**
 * XEP-0198 with real clients: raw RFC 7395 frames, byte for byte, and Smack over TCP with stream
 * management on. Connections are cut as a network failure cuts them (reset, no close): the session
 * waits detached, and a resumption gets exactly what was not acknowledged, in order, once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamManagementIT {

    private static final String SM = "urn:xmpp:sm:3";
    private static final String AGENT1 = "agent1@" + DOMAIN + "/desktop";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(StreamManagementIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent2");
        Server.gogo(context, "switchboard:kick " + AGENT1); // a session an earlier test left waiting to be resumed
        await().until(() -> !sessionLines().contains("agent1@"));
    }

    @Test
    public void offeredAfterAuthenticationAndAcksCountBothWays() throws Exception {
        try (RawXmppClient agent1 = RawXmppClient.connect(); RawXmppClient agent2 = RawXmppClient.connect()) {
            Element features = agent1.authenticate("agent1");
            assertNotNull("sm offered", child(features, "sm"));
            bind(agent1);
            agent2.login("agent2", "desktop");
            agent1.send("<enable xmlns='" + SM + "'/>");
            Element enabled = agent1.next();
            assertEquals("enabled", Xml.name(enabled));
            assertNull("no resumption asked for", Xml.attribute(enabled, "id"));

            agent1.ping("p1");
            agent1.ping("p2");
            agent1.send("<r xmlns='" + SM + "'/>");
            assertEquals("two stanzas handled", "2", Xml.attribute(agent1.next("a"), "h"));

            // two ping answers sent already; three messages more and the server asks
            IntStream.rangeClosed(1, 3).forEach(i -> sendMessage(agent2, AGENT1, "m" + i));
            List<String> bodies = new ArrayList<>();
            Element frame;
            while (!"r".equals(Xml.name(frame = agent1.next()))) {
                bodies.add(Xml.childText(frame, "body"));
            }
            assertEquals(List.of("m1", "m2", "m3"), bodies);
            assertTrue(sessionLine("agent1@").contains("5 unacknowledged"));
            agent1.send("<a xmlns='" + SM + "' h='5'/>");
            await().until(() -> sessionLine("agent1@").contains(" 0 unacknowledged"));
        }
    }

    @Test
    public void aResumptionAfterTheConnectionIsCutGetsWhatWasNotAcknowledgedInOrderAndOnce() throws Exception {
        String previd;
        try (RawXmppClient agent2 = RawXmppClient.connect()) {
            agent2.login("agent2", "desktop");
            RawXmppClient first = RawXmppClient.connect();
            first.login("agent1", "desktop");
            previd = enableResumption(first, null);
            IntStream.rangeClosed(1, 3).forEach(i -> sendMessage(agent2, AGENT1, "m" + i));
            for (int i = 1; i <= 3; i++) {
                assertEquals("m" + i, Xml.childText(first.next("message"), "body"));
            }
            first.send("<a xmlns='" + SM + "' h='2'/>"); // m3 arrived, but the client says nothing of it

            first.close(); // reset, no close
            await().until(() -> sessionLine("agent1@").contains("detached"));
            sendMessage(agent2, AGENT1, "m4");
            sendMessage(agent2, AGENT1, "m5");
            agent2.ping("routed"); // answered once m4 and m5 are with agent1's session
            assertTrue(sessionLine("agent1@").contains("3 unacknowledged"));

            try (RawXmppClient second = RawXmppClient.connect()) {
                Element features = second.authenticate("agent1");
                assertNotNull(child(features, "sm"));
                second.send("<resume xmlns='" + SM + "' previd='" + previd + "' h='2'/>");
                Element resumed = second.next();
                assertEquals("resumed", Xml.name(resumed));
                assertEquals(previd, Xml.attribute(resumed, "previd"));
                assertEquals("nothing came from the client but the answer", "0", Xml.attribute(resumed, "h"));
                for (String body : List.of("m3", "m4", "m5")) {
                    assertEquals(body, Xml.childText(second.next(), "body"));
                }
                sendMessage(agent2, AGENT1, "m6");
                assertEquals("m6", Xml.childText(second.next(), "body"));
                second.ping("after");
                assertEquals("one session all along", 1, sessionLines().lines().filter(line -> line.startsWith("agent1@")).count());
                assertFalse(sessionLine("agent1@").contains("detached"));
            }
        }
    }

    @Test
    public void anExpiredPreviousIdFailsAndTheClientBindsAfresh() throws Exception {
        String previd;
        RawXmppClient first = RawXmppClient.connect();
        first.login("agent1", "desktop");
        previd = enableResumption(first, "1");
        first.close();
        await().until(() -> !sessionLines().contains("agent1@"));

        try (RawXmppClient second = RawXmppClient.connect()) {
            second.authenticate("agent1");
            second.send("<resume xmlns='" + SM + "' previd='" + previd + "' h='0'/>");
            assertFailed("item-not-found", second.next());
            bind(second);
            second.ping("fresh");
        }
    }

    @Test
    public void anotherUserCannotResumeASession() throws Exception {
        RawXmppClient first = RawXmppClient.connect();
        first.login("agent1", "desktop");
        String previd = enableResumption(first, null);
        first.close();
        await().until(() -> sessionLine("agent1@").contains("detached"));

        try (RawXmppClient agent2 = RawXmppClient.connect()) {
            agent2.authenticate("agent2");
            agent2.send("<resume xmlns='" + SM + "' previd='" + previd + "' h='0'/>");
            assertFailed("item-not-found", agent2.next());
        }
        assertTrue("agent1's session still waits", sessionLine("agent1@").contains("detached"));
    }

    @Test
    public void stoppingTheBundleEndsNoSessionAndNewStreamsDoNotOfferIt() throws Exception {
        Bundle management = Server.bundle(context, "io.switchboard.stream-management");
        try (RawXmppClient agent1 = RawXmppClient.connect()) {
            agent1.login("agent1", "desktop");
            enableResumption(agent1, null);
            management.stop();
            try {
                agent1.ping("still");
                agent1.send("<r xmlns='" + SM + "'/>");
                assertEquals("1", Xml.attribute(agent1.next("a"), "h"));
                try (RawXmppClient later = RawXmppClient.connect()) {
                    assertNull(child(later.authenticate("agent2"), "sm"));
                }
            } finally {
                management.start();
            }
        }
    }

    @Test
    public void smackOverTcpResumesAfterTheConnectionIsCut() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(SwitchboardOptions.tcpPort());
                SmackDesktop desktop = SmackDesktop.overTcpWithStreamManagement("agent1", proxy.port());
                RawXmppClient agent2 = RawXmppClient.connect()) {
            XMPPTCPConnection connection = (XMPPTCPConnection) desktop.connection;
            List<String> bodies = new CopyOnWriteArrayList<>();
            connection.addSyncStanzaListener(stanza -> bodies.add(((Message) stanza).getBody()), MessageWithBodiesFilter.INSTANCE);
            desktop.login();
            assertTrue(connection.isSmEnabled());
            assertTrue(connection.isSmResumptionPossible());
            agent2.login("agent2", "desktop");
            IntStream.rangeClosed(1, 5).forEach(i -> sendMessage(agent2, AGENT1, "e" + i));
            await().until(() -> bodies.size() == 5);

            proxy.cut();
            await().until(() -> sessionLine("agent1@").contains("detached"));
            await().until(() -> !connection.isConnected());
            IntStream.rangeClosed(6, 10).forEach(i -> sendMessage(agent2, AGENT1, "e" + i));
            agent2.ping("routed");

            connection.connect().login();
            assertTrue("resumed, not bound afresh", connection.streamWasResumed());
            await().until(() -> bodies.size() >= 10);
            assertEquals(IntStream.rangeClosed(1, 10).mapToObj(i -> "e" + i).toList(), bodies);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static void bind(RawXmppClient client) throws InterruptedException {
        client.send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>desktop</resource></bind></iq>");
        assertEquals("result", Xml.attribute(client.nextIgnoringEvents(), "type"));
    }

    /** Enables stream management with resumption (for max seconds, when given); returns the previd. */
    private static String enableResumption(RawXmppClient client, String max) throws InterruptedException {
        client.send("<enable xmlns='" + SM + "' resume='true'" + (max == null ? "" : " max='" + max + "'") + "/>");
        Element enabled = client.next("enabled");
        assertEquals("true", Xml.attribute(enabled, "resume"));
        return Xml.attribute(enabled, "id");
    }

    private static void sendMessage(RawXmppClient from, String to, String body) {
        from.send("<message xmlns='jabber:client' type='chat' to='" + to + "'><body>" + body + "</body></message>");
    }

    private static Element child(Element parent, String name) {
        return Xml.children(parent, "*").stream().filter(e -> name.equals(Xml.name(e))).findFirst().orElse(null);
    }

    private static void assertFailed(String condition, Element failed) {
        assertEquals("failed", Xml.name(failed));
        assertEquals(SM, Xml.namespace(failed));
        assertNotNull(condition, child(failed, condition));
    }

    private String sessionLines() throws Exception {
        return Server.gogo(context, "switchboard:sessions");
    }

    private String sessionLine(String prefix) throws Exception {
        return sessionLines().lines().filter(line -> line.startsWith(prefix)).findFirst().orElse("");
    }
}
