package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
import org.w3c.dom.Element;

/**
 * XEP-0124/XEP-0206 over raw HTTP: a whole session (creation, SASL PLAIN, restart, bind, ping,
 * terminate), and the error cases a client library never provokes on purpose.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BoshIT {

    private static final String PING = "<iq xmlns='jabber:client' type='get' id='%s' to='" + DOMAIN + "'><ping xmlns='urn:xmpp:ping'/></iq>";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(BoshIT.class, Map.of("io.switchboard.transport.bosh", List.of("maxBodySize = 4096")));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent2");
    }

    private static String condition(Element body) {
        assertEquals(Xml.toString(body), "terminate", Xml.attribute(body, "type"));
        return Xml.attribute(body, "condition");
    }

    @Test
    public void aWholeSessionOverRawHttp() throws Exception {
        RawBoshClient client = new RawBoshClient();
        Element created = client.create();
        assertEquals(RawBoshClient.HTTPBIND, Xml.namespace(created));
        assertEquals("10", Xml.attribute(created, "wait"));
        assertEquals("1", Xml.attribute(created, "hold"));
        assertEquals("2", Xml.attribute(created, "requests"));
        assertEquals("60", Xml.attribute(created, "inactivity"));
        assertEquals("2", Xml.attribute(created, "polling"));
        assertEquals("1.11", Xml.attribute(created, "ver"));
        assertEquals(DOMAIN, Xml.attribute(created, "from"));
        assertNotNull(Xml.attribute(created, "authid"));
        assertEquals("1.0", created.getAttributeNS(RawBoshClient.XBOSH, "version"));
        assertEquals("true", created.getAttributeNS(RawBoshClient.XBOSH, "restartlogic"));
        Element mechanisms = Xml.child(Xml.child(created, "features"), "mechanisms");
        assertTrue(Xml.toString(created), Xml.children(mechanisms, "mechanism").stream()
                .anyMatch(mechanism -> "PLAIN".equals(mechanism.getTextContent())));
        // log in on a session of its own: the steps are RawBoshClient.login's
        RawBoshClient desktop = new RawBoshClient();
        String jid = desktop.login("agent1", "raw");
        assertEquals("agent1@" + DOMAIN + "/raw", jid);
        assertEquals("bosh", Server.sessionTransport(context, jid));

        Element pong = Xml.child(desktop.send(String.format(PING, "p1")), "iq");
        assertEquals("result", Xml.attribute(pong, "type"));
        assertEquals("p1", Xml.attribute(pong, "id"));
        assertEquals("jabber:client", Xml.namespace(pong));

        Element end = desktop.terminate();
        assertNull(condition(end));
        assertEquals("item-not-found", condition(desktop.send(String.format(PING, "p2"))));
        await("the session is gone").until(() -> {
            try {
                Server.sessionTransport(context, jid);
                return false;
            } catch (java.util.NoSuchElementException e) {
                return true;
            }
        });
        client.terminate();
    }

    @Test
    public void anUnknownSidIsItemNotFound() throws Exception {
        RawBoshClient client = new RawBoshClient();
        Element answer = Xml.parse(client.post("<body xmlns='" + RawBoshClient.HTTPBIND + "' sid='no-such-session' rid='1'/>"));
        assertEquals("item-not-found", condition(answer));
    }

    @Test
    public void aRepeatedRidGetsTheSameResponse() throws Exception {
        RawBoshClient client = new RawBoshClient();
        client.login("agent2", "replay");
        long rid = client.nextRid();
        String ping = client.body(rid, "", String.format(PING, "r1"));
        String first = client.post(ping);
        assertNotNull(Xml.child(Xml.parse(first), "iq"));
        assertEquals(first, client.post(ping));
        client.terminate();
    }

    @Test
    public void aRidOutsideTheWindowEndsTheSession() throws Exception {
        RawBoshClient client = new RawBoshClient();
        client.create();
        long ahead = client.nextRid() + 10;
        assertEquals("item-not-found", condition(Xml.parse(client.post(client.body(ahead, "", "")))));
        assertEquals("item-not-found", condition(client.send("")));
    }

    @Test
    public void aMalformedBodyIsABadRequestAndEndsTheSession() throws Exception {
        RawBoshClient client = new RawBoshClient();
        client.create();
        String unclosed = client.body(client.nextRid(), "", "<message xmlns='jabber:client'>").replace("</body>", "");
        assertEquals("bad-request", condition(Xml.parse(client.post(unclosed))));
        assertEquals("item-not-found", condition(client.send("")));

        assertEquals("bad-request", condition(Xml.parse(client.post("<html>not a body</html>"))));
        assertEquals("bad-request", condition(Xml.parse(client.post("<body xmlns='" + RawBoshClient.HTTPBIND + "'/>"))));
    }

    @Test
    public void restrictedXmlEndsTheStreamWithItsStreamError() throws Exception {
        RawBoshClient client = new RawBoshClient();
        client.create();
        Element answer = client.send("<!-- a comment -->");
        assertEquals("remote-stream-error", condition(answer));
        assertNotNull(Xml.toString(answer), Xml.child(Xml.child(answer, "error"), "restricted-xml"));
        assertEquals("item-not-found", condition(client.send("")));
    }

    @Test
    public void aStreamErrorFromThePipelineComesInsideTheTerminate() throws Exception {
        RawBoshClient client = new RawBoshClient();
        client.create();
        Element answer = client.send("<message xmlns='jabber:client' to='agent2@" + DOMAIN + "'><body>too early</body></message>");
        assertEquals("remote-stream-error", condition(answer));
        Element error = Xml.child(answer, "error");
        assertEquals(RawXmppClient.STREAMS, Xml.namespace(error));
        assertNotNull(Xml.toString(answer), Xml.child(error, "not-authorized"));
    }

    @Test
    public void aBodyOverTheLimitIsAPolicyViolation() throws Exception {
        RawBoshClient client = new RawBoshClient();
        client.create();
        String big = "<message xmlns='jabber:client' to='agent2@" + DOMAIN + "'><body>" + "x".repeat(5000) + "</body></message>";
        assertEquals("policy-violation", condition(client.send(big)));
        assertEquals("item-not-found", condition(client.send("")));
    }

    @Test
    public void stoppingTheBoshTransportEndsOnlyItsOwnSessions() throws Exception {
        RawBoshClient bosh = new RawBoshClient();
        bosh.login("agent1", "held");
        try (RawXmppClient web = RawXmppClient.connect()) {
            web.login("agent2", "web");
            // hold 1: the second request releases the first, so once the first is answered the second is held
            CompletableFuture<Element> first = bosh.sendAsync("");
            CompletableFuture<Element> held = bosh.sendAsync("");
            assertNull(Xml.toString(first.get(30, TimeUnit.SECONDS)), Xml.attribute(first.get(), "type"));
            Bundle transport = Server.bundle(context, "io.switchboard.transport-bosh");
            transport.stop();
            try {
                Element answer = held.get(30, TimeUnit.SECONDS);
                assertEquals("system-shutdown", condition(answer));
                assertNotNull(Xml.toString(answer), Xml.child(Xml.child(answer, "error"), "system-shutdown"));
                web.ping("still-here");
            } finally {
                transport.start();
            }
            Server.awaitReady(context);
            await("BOSH is mounted again").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> new RawBoshClient().login("agent1", "again") != null);
        }
    }
}
