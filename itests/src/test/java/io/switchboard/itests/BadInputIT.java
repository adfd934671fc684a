package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import javax.inject.Inject;

import org.junit.After;
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
 * Each kind of bad input gets its precise error, and afterwards the server and every other
 * session keep working: a bystander session pings after each case, and a new login succeeds.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BadInputIT {

    @Inject
    private BundleContext context;

    private RawXmppClient bystander;
    private int pings;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(BadInputIT.class, Map.of("io.switchboard.transport.websocket", List.of(
                "maxMessageSize = 10000", "maxElementDepth = 16", "pingIntervalSeconds = 1",
                "allowedOrigins = https://desktop.example")));
    }

    @Before
    public void bystanderLogsIn() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent2");
        bystander = RawXmppClient.connect();
        assertEquals("agent2@" + DOMAIN + "/bystander", bystander.login("agent2", "bystander"));
    }

    @After
    public void everyoneElseIsUntouched() throws Exception {
        bystander.ping("after-" + ++pings);
        try (RawXmppClient newcomer = RawXmppClient.connect()) {
            assertEquals("agent1@" + DOMAIN + "/desktop", newcomer.login("agent1", "desktop"));
            newcomer.ping("newcomer");
        }
        bystander.close();
    }

    @Test
    public void anUpgradeWithoutTheXmppSubprotocolIsRefused() {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + SwitchboardOptions.plainPort() + "/ws/"),
                            new WebSocket.Listener() { })
                    .join();
            fail("the server accepted a WebSocket without the xmpp subprotocol");
        } catch (CompletionException e) {
            assertTrue(e.getCause() instanceof WebSocketHandshakeException);
            assertEquals(400, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        }
    }

    @Test
    public void aFirstFrameThatIsNotAFramingOpenIsInvalidNamespace() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.send("<open xmlns='jabber:client' to='" + DOMAIN + "' version='1.0'/>");
            assertStreamError(client, "invalid-namespace");
        }
    }

    @Test
    public void aWrongPasswordIsNotAuthorized() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.open(DOMAIN);
            Element failure = client.authPlain(RawXmppClient.plain("", "agent1", "wrong"));
            assertEquals("failure", Xml.name(failure));
            assertEquals(RawXmppClient.SASL, Xml.namespace(failure));
            assertNotNull(Xml.child(failure, "not-authorized"));
            // the stream stays open for another attempt, which succeeds
            assertEquals("success", Xml.name(client.authPlain(RawXmppClient.plain("", "agent1", SwitchboardOptions.PASSWORD))));
        }
    }

    @Test
    public void anAuthzidOfAnotherUserIsRefused() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.open(DOMAIN);
            Element failure = client.authPlain(RawXmppClient.plain("agent2@" + DOMAIN, "agent1", SwitchboardOptions.PASSWORD));
            assertNotNull(Xml.child(failure, "invalid-authzid"));
        }
    }

    @Test
    public void aStanzaBeforeAuthenticationIsNotAuthorized() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.open(DOMAIN);
            client.send("<message xmlns='jabber:client' to='agent2@" + DOMAIN + "'><body>hi</body></message>");
            assertStreamError(client, "not-authorized");
        }
    }

    @Test
    public void aDoctypeIsRestrictedXml() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.open(DOMAIN);
            client.send("<!DOCTYPE lol [<!ENTITY lol 'lol'>]><message xmlns='jabber:client'>&lol;</message>");
            assertStreamError(client, "restricted-xml");
        }
    }

    @Test
    public void malformedXmlIsNotWellFormed() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.open(DOMAIN);
            client.send("<message xmlns='jabber:client'><body>unclosed</message>");
            assertStreamError(client, "not-well-formed");
        }
    }

    @Test
    public void subscribingToANodeThatDoesNotExistIsItemNotFound() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            String jid = client.login("agent1", "desktop");
            client.send("<iq xmlns='jabber:client' type='set' id='nosuch' to='pubsub." + DOMAIN + "'>"
                    + "<pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    + "<subscribe node='/finesse/api/User/nobody' jid='" + jid + "'/></pubsub></iq>");
            Element error = client.nextIgnoringEvents();
            assertEquals("error", Xml.attribute(error, "type"));
            assertEquals("nosuch", Xml.attribute(error, "id"));
            Element condition = Xml.child(error, "error");
            assertEquals("cancel", Xml.attribute(condition, "type"));
            assertNotNull(Xml.child(condition, "item-not-found"));
            client.ping("still-here");
        }
    }

    @Test
    public void aStanzaOverTheSizeLimitIsAPolicyViolation() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.login("agent1", "desktop");
            client.send("<message xmlns='jabber:client' to='agent2@" + DOMAIN + "'><body>" + "x".repeat(20_000)
                    + "</body></message>");
            assertStreamError(client, "policy-violation");
        }
    }

    @Test
    public void nestingBeyondTheLimitIsAPolicyViolation() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.login("agent1", "desktop");
            client.send("<message xmlns='jabber:client'>" + "<x>".repeat(20) + "</x>".repeat(20) + "</message>");
            assertStreamError(client, "policy-violation");
        }
    }

    @Test
    public void aPageFromAnOriginNotAllowedIsRefusedAndAnAllowedOneConnects() throws Exception {
        try {
            RawXmppClient.connectFrom("https://evil.example").close();
            fail("a page of another origin connected");
        } catch (CompletionException e) {
            assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        }
        try (RawXmppClient desktop = RawXmppClient.connectFrom("https://desktop.example")) {
            desktop.login("agent1", "desktop");
        }
    }

    @Test
    public void quietConnectionsGetWebSocketPingFrames() throws Exception {
        await("a ping frame").atMost(Duration.ofSeconds(10)).until(() -> bystander.pingsReceived() > 0);
    }

    /** The stream error (in the streams namespace), then {@code <close/>}, then the socket closes. */
    private static void assertStreamError(RawXmppClient client, String condition) throws Exception {
        Element error = client.next();
        if ("open".equals(Xml.name(error))) {
            error = client.next(); // RFC 6120 4.9.1.1: the server opens its stream before the error
        }
        assertEquals("error", Xml.name(error));
        assertEquals(RawXmppClient.STREAMS, Xml.namespace(error));
        Element child = Xml.children(error, "*").get(0);
        assertEquals(condition, Xml.name(child));
        assertEquals(RawXmppClient.STREAM_ERRORS, Xml.namespace(child));
        Element close = client.next();
        assertEquals("close", Xml.name(close));
        assertEquals(RawXmppClient.FRAMING, Xml.namespace(close));
        client.awaitClosed();
    }
}
