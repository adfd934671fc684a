package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

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

/** RFC 6120 over TCP, byte for byte: STARTTLS required, direct TLS, restarts, keepalives, the bundle going away. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TcpIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(TcpIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent2");
    }

    @Test
    public void beforeTlsOnlyStartTlsIsOfferedAndNothingElseAccepted() throws Exception {
        try (RawTcpClient client = RawTcpClient.connect()) {
            Element features = client.open(DOMAIN);
            assertEquals(DOMAIN, Xml.attribute(client.serverHeader(), "from"));
            List<Element> offered = Xml.children(features, "*");
            assertEquals(1, offered.size());
            assertEquals("starttls", Xml.name(offered.get(0)));
            assertEquals(RawTcpClient.TLS, Xml.namespace(offered.get(0)));
            assertNotNull("required", Xml.child(offered.get(0), "required"));

            client.send("<auth xmlns='" + RawXmppClient.SASL + "' mechanism='PLAIN'>"
                    + RawXmppClient.plain("", "agent1", SwitchboardOptions.PASSWORD) + "</auth>");
            Element error = client.next();
            assertEquals("error", Xml.name(error));
            assertNotNull(Xml.child(error, "policy-violation"));
            assertNull("the stream ends", client.next());
        }
    }

    @Test
    public void startTlsThenSaslThenBindWithWhitespaceKeepalivesBetween() throws Exception {
        try (RawTcpClient client = RawTcpClient.connect()) {
            client.open(DOMAIN);
            Element features = client.startTls();
            List<String> offered = Xml.children(features, "*").stream().map(Xml::name).toList();
            assertEquals("after TLS: SASL, and no second STARTTLS", List.of("mechanisms"), offered);
            List<String> mechanisms = Xml.children(Xml.child(features, "mechanisms"), "mechanism").stream()
                    .map(Element::getTextContent).toList();
            assertTrue("PLAIN is offered over TLS: " + mechanisms, mechanisms.contains("PLAIN"));

            assertEquals("agent1@" + DOMAIN + "/desktop", client.login("agent1", "desktop"));
            client.send(" \n ");
            client.ping();
            client.send("\n");
            client.ping();
            client.send("</stream:stream>");
            assertNull("the server closes its stream too", client.next());
            assertTrue(client.awaitClosed());
        }
    }

    @Test
    public void directTlsNeedsNoStartTlsAndRefusesOne() throws Exception {
        try (RawTcpClient client = RawTcpClient.connectDirectTls()) {
            Element features = client.open(DOMAIN);
            assertNull("no STARTTLS over TLS", Xml.child(features, "starttls"));
            client.send("<starttls xmlns='" + RawTcpClient.TLS + "'/>");
            Element failure = client.next();
            assertEquals("failure", Xml.name(failure));
            assertEquals(RawTcpClient.TLS, Xml.namespace(failure));
            assertNull("the stream ends", client.next());
        }
    }

    @Test
    public void stoppingTheTcpTransportEndsOnlyItsOwnSessions() throws Exception {
        try (RawXmppClient web = RawXmppClient.connect(); RawTcpClient tcp = RawTcpClient.connectDirectTls()) {
            web.login("agent2", "web");
            tcp.open(DOMAIN);
            tcp.login("agent1", "tcp");
            Bundle transport = Server.bundle(context, "io.switchboard.transport-tcp");
            transport.stop();
            try {
                Element error = tcp.next();
                assertEquals("error", Xml.name(error));
                assertNotNull(Xml.child(error, "system-shutdown"));
                web.ping("web-still-here");
            } finally {
                transport.start();
            }
            Server.awaitReady(context);
            try (RawTcpClient again = RawTcpClient.connectDirectTls()) {
                again.open(DOMAIN);
                again.login("agent1", "tcp");
                again.ping();
            }
        }
    }

    @Test
    public void stoppingTheWebSocketTransportEndsOnlyItsOwnSessions() throws Exception {
        try (RawXmppClient web = RawXmppClient.connect(); RawTcpClient tcp = RawTcpClient.connectDirectTls()) {
            web.login("agent2", "web");
            tcp.open(DOMAIN);
            tcp.login("agent1", "tcp");
            Bundle transport = Server.bundle(context, "io.switchboard.transport-websocket");
            transport.stop();
            try {
                Element error = web.next();
                assertEquals("error", Xml.name(error));
                assertNotNull(Xml.child(error, "system-shutdown"));
                tcp.ping();
            } finally {
                transport.start();
            }
            Server.awaitReady(context);
            try (RawXmppClient again = RawXmppClient.connect()) {
                again.login("agent2", "web");
                again.ping("back");
            }
        }
    }
}
