package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
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
import org.osgi.framework.BundleContext;
import org.w3c.dom.Element;

import io.switchboard.itests.SmackDesktop.Transport;

/**
 * The desktop flow (SASL, bind, presence with caps, subscribe, events, ping) with Smack over
 * every transport, with PLAIN and with SCRAM-SHA-256: one stream pipeline behind all of them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransportsIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(TransportsIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1");
    }

    @Test
    public void webSocketWithPlain() throws Exception {
        desktopFlow(Transport.WEBSOCKET, "PLAIN");
    }

    @Test
    public void webSocketWithScram() throws Exception {
        desktopFlow(Transport.WEBSOCKET, "SCRAM-SHA-256");
    }

    @Test
    public void boshWithPlain() throws Exception {
        desktopFlow(Transport.BOSH, "PLAIN");
    }

    @Test
    public void boshWithScram() throws Exception {
        desktopFlow(Transport.BOSH, "SCRAM-SHA-256");
    }

    @Test
    public void tcpStartTlsWithPlain() throws Exception {
        desktopFlow(Transport.STARTTLS, "PLAIN");
    }

    @Test
    public void tcpStartTlsWithScram() throws Exception {
        desktopFlow(Transport.STARTTLS, "SCRAM-SHA-256");
    }

    @Test
    public void tcpDirectTlsWithPlain() throws Exception {
        desktopFlow(Transport.DIRECT_TLS, "PLAIN");
    }

    @Test
    public void tcpDirectTlsWithScram() throws Exception {
        desktopFlow(Transport.DIRECT_TLS, "SCRAM-SHA-256");
    }

    private void desktopFlow(Transport transport, String mechanism) throws Exception {
        try (SmackDesktop desktop = SmackDesktop.over(transport, "agent1", mechanism).login()) {
            assertEquals("agent1@" + DOMAIN + "/desktop", desktop.connection.getUser().toString());
            assertEquals(mechanism, desktop.connection.getUsedSaslMechansism());
            assertTrue(desktop.connection.isSecureConnection() || transport == Transport.DIRECT_TLS);

            String address = desktop.connection.getUser().toString();
            await("caps verified").until(() -> Server.verifiedFeatures(context, address).isPresent());
            assertEquals(switch (transport) {
                case WEBSOCKET -> "websocket";
                case BOSH -> "bosh";
                default -> "tcp";
            }, Server.sessionTransport(context, address));

            List<Element> updates = desktop.subscribe("/finesse/api/User/agent1");
            await("an event on its user node").atMost(Duration.ofSeconds(30)).until(() -> !updates.isEmpty());
            assertEquals("/finesse/api/User/agent1", Xml.childText(updates.get(0), "source"));
            assertTrue(desktop.pingServer());
        }
    }
}
