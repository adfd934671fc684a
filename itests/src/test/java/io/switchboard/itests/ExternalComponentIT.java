package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.impl.JidCreate;
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
 * An external component (XEP-0114), written here as a plain socket client as a Python or Node
 * service would be: it connects, handshakes, answers a Smack desktop's IQs, publishes an agent
 * event the desktop receives, and when it goes away its unanswered IQs get errors.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExternalComponentIT {

    static final String SECRET = "a secret shared with the ACD connector";
    private static final String ACD = "acd." + DOMAIN;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(ExternalComponentIT.class, Map.of(
                "io.switchboard.component.external.account-acd", List.of(
                        "subdomain = acd",
                        "secret = " + SECRET,
                        "publishNodes = /finesse/api/User/, /finesse/api/SystemInfo")));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1");
    }

    @Test
    public void aComponentConnectsServesPublishesAndLeavesCleanly() throws Exception {
        try (SmackDesktop desktop = SmackDesktop.of("agent1").login(); RawXmppClient raw = RawXmppClient.connect();
                RawTcpClient component = RawTcpClient.connectComponent()) {
            raw.login("agent1", "raw");
            assertEquals("<handshake/> accepted", "handshake", Xml.name(handshake(component, SECRET)));

            // mounted: listed by the server, and reachable
            await("listed in disco#items").until(() -> raw.serverItems().contains(ACD));
            PingManager pings = PingManager.getInstanceFor(desktop.connection);
            Thread answering = new Thread(() -> answerOneIq(component));
            answering.start();
            assertTrue("the component answered Smack's ping", pings.ping(JidCreate.domainBareFrom(ACD)));
            answering.join(20_000);

            // it publishes an agent event to the node it is allowed to; the subscribed desktop gets it
            List<Element> updates = desktop.subscribe("/finesse/api/User/agent1");
            String update = "<Update><event>PUT</event><requestId>from-the-acd</requestId>"
                    + "<source>/finesse/api/User/agent1</source></Update>";
            Element published = publish(component, "/finesse/api/User/agent1", update);
            assertEquals(Xml.toString(published), "result", Xml.attribute(published, "type"));
            await("the event reached the desktop").atMost(Duration.ofSeconds(20)).until(() -> updates.stream()
                    .anyMatch(received -> "from-the-acd".equals(Xml.childText(received, "requestId"))));
            // and nowhere else
            Element refused = publish(component, "/finesse/api/Team/1/Users", update);
            assertEquals("error", Xml.attribute(refused, "type"));
            assertNotNull(Xml.child(Xml.child(refused, "error"), "forbidden"));

            // a second connection for the same subdomain is refused
            try (RawTcpClient second = RawTcpClient.connectComponent()) {
                second.openComponent(ACD);
                assertStreamError(second, "conflict");
            }

            // an IQ it never answers is answered for it when it leaves
            raw.send("<iq xmlns='jabber:client' type='get' id='unanswered' to='" + ACD + "'><query xmlns='jabber:iq:version'/></iq>");
            Element request = component.next();
            assertEquals("unanswered", Xml.attribute(request, "id"));
            component.close();
            Element error = raw.nextIgnoringEvents();
            assertEquals("unanswered", Xml.attribute(error, "id"));
            assertEquals("error", Xml.attribute(error, "type"));
            assertNotNull(Xml.child(Xml.child(error, "error"), "service-unavailable"));

            // unmounted: gone from disco#items, and a ping gets service-unavailable
            await("gone from disco#items").until(() -> !raw.serverItems().contains(ACD));
            assertFalse(pings.ping(JidCreate.domainBareFrom(ACD)));
        }
    }

    @Test
    public void aWrongSecretAnUnknownSubdomainAndAForgedFromAreRefused() throws Exception {
        try (RawTcpClient wrong = RawTcpClient.connectComponent()) {
            assertStreamError(handshake(wrong, "not the secret at all"), wrong, "not-authorized");
        }
        try (RawTcpClient unknown = RawTcpClient.connectComponent()) {
            unknown.openComponent("crm." + DOMAIN);
            assertStreamError(unknown, "host-unknown");
        }
        try (RawTcpClient forger = RawTcpClient.connectComponent()) {
            assertEquals("handshake", Xml.name(handshake(forger, SECRET)));
            forger.send("<message from='agent1@" + DOMAIN + "' to='agent1@" + DOMAIN + "'><body>forged</body></message>");
            assertStreamError(forger, "invalid-from");
        }
        // after all that, the right secret still connects
        try (RawTcpClient component = RawTcpClient.connectComponent()) {
            assertEquals("handshake", Xml.name(handshake(component, SECRET)));
        }
    }

    /** Opens the stream and sends hex(SHA-1(stream id + secret)); returns the server's answer. */
    static Element handshake(RawTcpClient component, String secret) throws Exception {
        Element header = component.openComponent(ACD);
        assertEquals(ACD, Xml.attribute(header, "from"));
        byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((Xml.attribute(header, "id") + secret).getBytes(StandardCharsets.UTF_8));
        component.send("<handshake>" + HexFormat.of().formatHex(digest) + "</handshake>");
        return component.next();
    }

    /** Answers the next IQ get with an empty result, as the simplest component would. */
    private static void answerOneIq(RawTcpClient component) {
        try {
            Element iq = component.next();
            component.send("<iq type='result' id='" + Xml.attribute(iq, "id") + "' from='" + Xml.attribute(iq, "to")
                    + "' to='" + Xml.attribute(iq, "from") + "'/>");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Publishes a Finesse-style notification (the Update as escaped text) and returns the service's answer. */
    private static Element publish(RawTcpClient component, String node, String update) throws Exception {
        String escaped = update.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        component.send("<iq type='set' id='publish' from='" + ACD + "' to='pubsub." + DOMAIN + "'>"
                + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='" + node + "'><item>"
                + "<notification xmlns='http://jabber.org/protocol/pubsub'>" + escaped + "</notification>"
                + "</item></publish></pubsub></iq>");
        return component.next();
    }

    static void assertStreamError(RawTcpClient component, String condition) throws Exception {
        assertStreamError(component.next(), component, condition);
    }

    /** This element is that stream error, and the stream ends after it. */
    private static void assertStreamError(Element error, RawTcpClient component, String condition) throws Exception {
        assertEquals("error", Xml.name(error));
        assertEquals(RawXmppClient.STREAMS, Xml.namespace(error));
        assertNotNull(condition, Xml.child(error, condition));
        assertNull("the stream ends", component.next());
    }
}
