package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
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

/**
 * An integrator's Tinder component, installed into the running server: mounted at echo.<domain>
 * while its bundle runs, with disco and ping from AbstractComponent; uninstalled, it is gone and
 * stanzas to it get service-unavailable.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ComponentIT {

    private static final String ECHO = "echo." + DOMAIN;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(ComponentIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1");
    }

    @Test
    public void aComponentBundleIsMountedWhileItRuns() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            String jid = client.login("agent1", "desktop");
            assertEquals(List.of("pubsub." + DOMAIN), client.serverItems());

            Bundle echo = context.installBundle(Path.of(System.getProperty("switchboard.example.component")).toUri().toString());
            echo.start();
            assertEquals(List.of("echo." + DOMAIN, "pubsub." + DOMAIN), client.serverItems().stream().sorted().toList());

            client.send("<message xmlns='jabber:client' type='chat' to='" + ECHO + "'><body>hello</body></message>");
            Element echoed = client.next("message");
            assertEquals(ECHO, Xml.attribute(echoed, "from"));
            assertEquals(jid, Xml.attribute(echoed, "to"));
            assertEquals("hello", Xml.childText(echoed, "body"));

            client.send("<iq xmlns='jabber:client' type='get' id='info' to='" + ECHO + "'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            Element info = client.next("iq");
            assertEquals("component", Xml.attribute(Xml.child(Xml.child(info, "query"), "identity"), "category"));
            client.send("<iq xmlns='jabber:client' type='get' id='ping' to='" + ECHO + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertEquals("result", Xml.attribute(client.next("iq"), "type"));

            echo.uninstall();
            assertEquals(List.of("pubsub." + DOMAIN), client.serverItems());
            client.send("<message xmlns='jabber:client' type='chat' id='m2' to='" + ECHO + "'><body>anyone?</body></message>");
            Element error = client.next("message");
            assertEquals("error", Xml.attribute(error, "type"));
            assertNotNull(Xml.child(Xml.child(error, "error"), "service-unavailable"));
        }
    }

    /** The same through Smack, as an integrator's client sees it: disco#items and XEP-0199 ping. */
    @Test
    public void smackSeesTheComponentComeAndGo() throws Exception {
        try (SmackDesktop desktop = SmackDesktop.of("agent1").login()) {
            org.jivesoftware.smackx.disco.ServiceDiscoveryManager disco =
                    org.jivesoftware.smackx.disco.ServiceDiscoveryManager.getInstanceFor(desktop.connection);
            org.jivesoftware.smackx.ping.PingManager pings = org.jivesoftware.smackx.ping.PingManager.getInstanceFor(desktop.connection);
            org.jxmpp.jid.DomainBareJid server = org.jxmpp.jid.impl.JidCreate.domainBareFrom(DOMAIN);
            org.jxmpp.jid.DomainBareJid echo = org.jxmpp.jid.impl.JidCreate.domainBareFrom(ECHO);

            Bundle bundle = context.installBundle(Path.of(System.getProperty("switchboard.example.component")).toUri().toString());
            bundle.start();
            assertTrue(disco.discoverItems(server).getItems().stream().anyMatch(item -> item.getEntityID().equals(echo)));
            assertTrue("the component answers Smack's ping", pings.ping(echo));

            bundle.uninstall();
            assertTrue(disco.discoverItems(server).getItems().stream().noneMatch(item -> item.getEntityID().equals(echo)));
            // Smack reports the service-unavailable error as "no pong" (the exact error: the test above)
            org.junit.Assert.assertFalse(pings.ping(echo));
        }
    }
}
