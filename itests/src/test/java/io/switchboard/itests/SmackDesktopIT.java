package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.listener.ItemEventListener;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.jxmpp.jid.impl.JidCreate;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.w3c.dom.Element;

/**
 * The agent desktop's whole flow with Smack 4.5, a real XMPP client, over wss:// (trusting the
 * self-signed certificate the server created on first start): log in, bind 'desktop', presence
 * with entity caps, subscribe to the user's and the team's node, receive the simulator's events.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SmackDesktopIT {

    @Inject
    private BundleContext context;

    private ModularXmppClientToServerConnection desktop;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(SmackDesktopIT.class);
    }

    @Before
    public void connect() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1");
        trustTheServersCertificate();
        ModularXmppClientToServerConnectionConfiguration.Builder config = ModularXmppClientToServerConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN)
                .setUsernameAndPassword("agent1", SwitchboardOptions.PASSWORD)
                .setResource("desktop")
                .setSecurityMode(SecurityMode.required); // wss://: TLS from the first byte
        config.removeAllModules();
        config.addModule(XmppWebSocketTransportModuleDescriptor.getBuilder(config)
                .explicitlySetWebSocketEndpoint(URI.create("wss://localhost:" + SwitchboardOptions.securePort() + "/ws/"))
                .build());
        desktop = new ModularXmppClientToServerConnection(config.build());
    }

    @After
    public void disconnect() {
        desktop.disconnect();
    }

    @Test
    public void theDesktopReceivesAgentEventsOnItsUserAndTeamNodes() throws Exception {
        List<Presence> ownPresences = new CopyOnWriteArrayList<>();
        desktop.addAsyncStanzaListener(stanza -> ownPresences.add((Presence) stanza), StanzaTypeFilter.PRESENCE);
        EntityCapsManager.getInstanceFor(desktop).enableEntityCaps();
        desktop.connect().login();
        assertEquals("agent1@" + DOMAIN + "/desktop", desktop.getUser().toString());

        // Smack's initial presence carries XEP-0115 caps; the server keeps and echoes it
        await("own presence with caps").until(() -> ownPresences.stream().anyMatch(
                presence -> presence.getFrom().equals(desktop.getUser())
                        && presence.hasExtension("c", "http://jabber.org/protocol/caps")));

        PubSubManager pubsub = PubSubManager.getInstanceFor(desktop, JidCreate.bareFrom("pubsub." + DOMAIN));
        LeafNode userNode = pubsub.getLeafNode("/finesse/api/User/agent1");
        LeafNode teamNode = pubsub.getLeafNode("/finesse/api/Team/1/Users");
        List<Element> userUpdates = new CopyOnWriteArrayList<>();
        List<Element> teamUpdates = new CopyOnWriteArrayList<>();
        userNode.addItemEventListener(collectUpdates(userUpdates));
        teamNode.addItemEventListener(collectUpdates(teamUpdates));
        userNode.subscribe(desktop.getUser());
        teamNode.subscribe(desktop.getUser());

        // agent1's own state change arrives on its user node and, summarised, on its team's node
        await("agent1's update on both nodes").atMost(Duration.ofSeconds(30)).until(() ->
                !userUpdates.isEmpty() && teamUpdates.stream().anyMatch(update -> isAbout(update, "agent1")));
        Element update = userUpdates.get(0);
        assertEquals("PUT", Xml.childText(update, "event"));
        assertEquals("/finesse/api/User/agent1", Xml.childText(update, "source"));
        Element user = Xml.child(Xml.child(update, "data"), "user");
        assertEquals("agent1", Xml.childText(user, "loginId"));
        assertEquals("1", Xml.childText(user, "teamId"));
        assertTrue(List.of("LOGOUT", "NOT_READY", "READY", "RESERVED", "TALKING", "HOLD", "WORK", "WORK_READY")
                .contains(Xml.childText(user, "state")));
    }

    @Test
    public void stoppingTheSimulatorStopsEventsButNotSessionsAndStartingItResumesThem() throws Exception {
        desktop.connect().login();
        LeafNode teamNode = PubSubManager.getInstanceFor(desktop, JidCreate.bareFrom("pubsub." + DOMAIN))
                .getLeafNode("/finesse/api/Team/1/Users");
        List<Element> updates = new CopyOnWriteArrayList<>();
        teamNode.addItemEventListener(collectUpdates(updates));
        teamNode.subscribe(desktop.getUser());
        await("events flow").until(() -> !updates.isEmpty());

        Bundle simulator = Server.bundle(context, Server.SIMULATOR);
        simulator.stop();
        Instant stopped = Instant.now();
        assertTrue("the desktop is still connected", desktop.isAuthenticated());
        assertTrue("and its server still answers", PingManager.getInstanceFor(desktop).pingMyServer());
        // nothing that happened after the stop is published
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                updates.stream().noneMatch(update -> changedAfter(update, stopped)));

        int before = updates.size();
        simulator.start();
        Server.awaitReady(context);
        await("events resume").until(() -> updates.size() > before
                && updates.stream().anyMatch(update -> changedAfter(update, stopped)));
        assertTrue("the same session carried on", desktop.isAuthenticated());
    }

    /** The Update document inside each published notification. */
    private static ItemEventListener<PayloadItem<?>> collectUpdates(List<Element> into) {
        return event -> event.getItems().forEach(item -> {
            Element notification = Xml.parse(item.getPayload().toXML().toString());
            into.add(Xml.parse(notification.getTextContent()));
        });
    }

    private static boolean isAbout(Element update, String agent) {
        return ("/finesse/api/User/" + agent).equals(Xml.childText(update, "source"));
    }

    private static boolean changedAfter(Element update, Instant instant) {
        Element user = Xml.child(Xml.child(update, "data"), "user");
        return Instant.parse(Xml.childText(user, "stateChangeTime")).isAfter(instant);
    }

    /** Trusts exactly the certificate in the server's keystore, as a desktop's administrator would. */
    private static void trustTheServersCertificate() throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(SwitchboardOptions.work().resolve("data/switchboard.p12"))) {
            keystore.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keystore);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        SSLContext.setDefault(tls); // Smack's Java 11 WebSocket uses the default context
    }
}
