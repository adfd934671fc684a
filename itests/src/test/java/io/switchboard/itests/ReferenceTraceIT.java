package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.w3c.dom.Element;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * Replays the Finesse desktop's reference trace (docs/finesse-compat.md) as raw RFC 7395 frames
 * and checks every answer of the server.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReferenceTraceIT {

    /** base64 of "administrator@uccxpub.prabhat.com\0administrator\01234", as in the trace. */
    static final String TRACE_PLAIN = "YWRtaW5pc3RyYXRvckB1Y2N4cHViLnByYWJoYXQuY29tAGFkbWluaXN0cmF0b3IAMTIzNA==";
    static final String FULL_JID = "administrator@" + DOMAIN + "/desktop";
    static final String USER_NODE = "/finesse/api/User/administrator";
    static final String TEAM_NODE = "/finesse/api/Team/1/Users";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(ReferenceTraceIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "administrator");
    }

    @Test
    public void theReferenceTraceGetsEveryAnswerItExpects() throws Exception {
        try (RawXmppClient desktop = RawXmppClient.connect()) {
            // 1-2: the stream opens; PLAIN is offered
            Element features = desktop.open(DOMAIN);
            Element mechanisms = Xml.child(features, "mechanisms");
            assertEquals(RawXmppClient.SASL, Xml.namespace(mechanisms));
            List<String> offered = Xml.children(mechanisms, "mechanism").stream().map(Element::getTextContent).toList();
            // strongest first; PLAIN because this is the loopback port (over TLS it is offered too)
            assertEquals(List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"), offered);

            // 3: the trace's exact PLAIN credential
            Element success = desktop.authPlain(TRACE_PLAIN);
            assertEquals("success", Xml.name(success));
            assertEquals(RawXmppClient.SASL, Xml.namespace(success));

            // 4: restart, bind resource 'desktop', answer <session/>
            Element restarted = desktop.open(DOMAIN);
            assertNotNull("bind is offered after the restart", Xml.child(restarted, "bind"));
            desktop.send("<iq xmlns='jabber:client' type='set' id='bind_1'>"
                    + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>desktop</resource></bind></iq>");
            Element bound = desktop.next();
            assertEquals("result", Xml.attribute(bound, "type"));
            assertEquals("bind_1", Xml.attribute(bound, "id"));
            assertEquals("jabber:client", Xml.namespace(bound));
            assertEquals(FULL_JID, Xml.childText(Xml.child(bound, "bind"), "jid"));

            desktop.send("<iq xmlns='jabber:client' type='set' id='_session_auth_2'>"
                    + "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
            Element session = desktop.next();
            assertEquals("result", Xml.attribute(session, "type"));
            assertEquals("_session_auth_2", Xml.attribute(session, "id"));

            // 5: initial presence with caps comes back to the sender
            desktop.send("<presence xmlns='jabber:client'><priority>1</priority>"
                    + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' "
                    + "node='http://www.igniterealtime.org/projects/smack' ver='os2Kfa7QeAE+fHfhrPl4ZG8GnT0='/></presence>");
            Element presence = desktop.next();
            assertEquals("presence", Xml.name(presence));
            assertEquals(FULL_JID, Xml.attribute(presence, "from"));
            assertNull(Xml.attribute(presence, "type"));

            // 6: the two subscriptions, with the full JID in 'from' and in 'jid'
            for (String[] subscription : new String[][] {{"sub1", USER_NODE}, {"sub2", TEAM_NODE}}) {
                desktop.send("<iq xmlns='jabber:client' type='set' id='" + subscription[0] + "' from='" + FULL_JID
                        + "' to='pubsub." + DOMAIN + "'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                        + "<subscribe node='" + subscription[1] + "' jid='" + FULL_JID + "'/></pubsub></iq>");
                Element result = desktop.nextIgnoringEvents();
                assertEquals("result", Xml.attribute(result, "type"));
                assertEquals(subscription[0], Xml.attribute(result, "id"));
                assertEquals("pubsub." + DOMAIN, Xml.attribute(result, "from"));
                Element subscribed = Xml.child(Xml.child(result, "pubsub"), "subscription");
                assertEquals(subscription[1], Xml.attribute(subscribed, "node"));
                assertEquals(FULL_JID, Xml.attribute(subscribed, "jid"));
                assertEquals("subscribed", Xml.attribute(subscribed, "subscription"));
            }

            // then: events arrive on the team node (agents of team 1 change state) as Finesse expects them
            Set<String> nodesSeen = new HashSet<>();
            while (!nodesSeen.contains(TEAM_NODE)) {
                Element message = desktop.next();
                if (!"message".equals(Xml.name(message))) {
                    continue;
                }
                assertEquals("pubsub." + DOMAIN, Xml.attribute(message, "from"));
                // the user node's events come through the server's own bare-JID subscription (the desktop's is not doubled)
                String to = Xml.attribute(message, "to");
                assertTrue(to, to.equals(FULL_JID) || to.equals(FULL_JID.substring(0, FULL_JID.indexOf('/'))));
                assertNull("no body: desktops read the whole text", Xml.child(message, "body"));
                Element items = Xml.child(Xml.child(message, "event"), "items");
                nodesSeen.add(Xml.attribute(items, "node"));
                Element notification = Xml.child(Xml.child(items, "item"), "notification");
                assertEquals("http://jabber.org/protocol/pubsub", Xml.namespace(notification));
                assertTrue("the Update is text, not elements", Xml.children(notification, "*").isEmpty());
                Element update = Xml.parse(notification.getTextContent());
                assertEquals("Update", Xml.name(update));
                assertEquals("PUT", Xml.childText(update, "event"));
                assertNotNull(Xml.child(update, "requestId"));
                assertTrue(Xml.childText(update, "source").startsWith("/finesse/api/User/"));
                Element user = Xml.child(Xml.child(update, "data"), "user");
                assertTrue(Xml.childText(user, "stateChangeTime").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
            }

            // the stream ends with <close/> both ways
            desktop.send("<close xmlns='" + RawXmppClient.FRAMING + "'/>");
            Element close = desktop.next("close");
            assertEquals(RawXmppClient.FRAMING, Xml.namespace(close));
            desktop.awaitClosed();
        }
    }

    /** What a desktop reads before it connects: where to log in and where to subscribe. */
    @Test
    public void systemInfoNamesTheDomainAndThePubSubServiceOverHttps() throws Exception {
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {SmackDesktop.trustTheServersCertificate()}, null);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(tls).build();
        java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("https://localhost:" + SwitchboardOptions.securePort() + "/finesse/api/SystemInfo")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        Element info = Xml.parse(response.body());
        assertEquals(DOMAIN, Xml.childText(info, "xmppDomain"));
        assertEquals("pubsub." + DOMAIN, Xml.childText(info, "xmppPubSubDomain"));

        java.net.http.HttpResponse<String> post = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("https://localhost:" + SwitchboardOptions.securePort() + "/finesse/api/SystemInfo"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("<SystemInfo/>")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals("read-only", 405, post.statusCode());
    }

    /** The Update an event source publishes is what the desktop reads back, character for character, and nothing else. */
    @Test
    public void aNotificationsTextIsExactlyThePublishedUpdate() throws Exception {
        String node = "/finesse/api/User/administrator/Dialogs";
        String update = "<Update><data><dialogs><Dialog><id>42</id><state>ALERTING</state>"
                + "<fromAddress>+1 (555) 010-0100 &amp; co</fromAddress></Dialog></dialogs></data><event>POST</event>"
                + "<requestId></requestId><source>/finesse/api/User/administrator/Dialogs</source></Update>";
        org.osgi.framework.ServiceReference<io.switchboard.api.pubsub.EventPublisher> reference =
                context.getServiceReference(io.switchboard.api.pubsub.EventPublisher.class);
        io.switchboard.api.pubsub.EventPublisher publisher = context.getService(reference);
        publisher.createNode(node);
        try (RawXmppClient desktop = RawXmppClient.connect()) {
            String jid = desktop.login("administrator", "desktop");
            desktop.set("pubsub." + DOMAIN, "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='" + node
                    + "' jid='" + jid + "'/></pubsub>");

            org.dom4j.Element notification = org.dom4j.DocumentHelper.createElement(
                    org.dom4j.QName.get("notification", "http://jabber.org/protocol/pubsub"));
            notification.setText(update);
            publisher.publish(node, notification);

            Element message;
            do {
                message = desktop.next("message");
            } while (Xml.child(message, "event") == null);
            assertEquals("a desktop reads the whole message's text: the Update, nothing more", update, message.getTextContent());
            assertNull("no body", Xml.child(message, "body"));
            assertNull("no SHIM headers", Xml.child(message, "headers"));
            Element parsed = Xml.parse(message.getTextContent());
            assertEquals("+1 (555) 010-0100 & co", Xml.childText(Xml.child(Xml.child(Xml.child(parsed, "data"), "dialogs"), "Dialog"), "fromAddress"));
        } finally {
            context.ungetService(reference);
        }
    }
}
