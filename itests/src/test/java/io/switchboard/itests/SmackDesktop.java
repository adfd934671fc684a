package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.listener.ItemEventListener;
import org.jxmpp.jid.impl.JidCreate;
import org.w3c.dom.Element;

/**
 * An agent desktop on Smack 4.5 over wss://, trusting the self-signed certificate the server
 * created on first start, with entity caps on, as Finesse's Smack-based clients run.
 */
public final class SmackDesktop implements AutoCloseable {

    public final ModularXmppClientToServerConnection connection;

    private SmackDesktop(ModularXmppClientToServerConnection connection) {
        this.connection = connection;
    }

    /** A desktop for this user with resource 'desktop', not yet connected. */
    public static SmackDesktop of(String user) throws Exception {
        trustTheServersCertificate();
        ModularXmppClientToServerConnectionConfiguration.Builder config = ModularXmppClientToServerConnectionConfiguration.builder()
                .setXmppDomain(DOMAIN)
                .setUsernameAndPassword(user, SwitchboardOptions.PASSWORD)
                .setResource("desktop")
                .setSecurityMode(SecurityMode.required); // wss://: TLS from the first byte
        config.removeAllModules();
        config.addModule(XmppWebSocketTransportModuleDescriptor.getBuilder(config)
                .explicitlySetWebSocketEndpoint(URI.create("wss://localhost:" + SwitchboardOptions.securePort() + "/ws/"))
                .build());
        ModularXmppClientToServerConnection connection = new ModularXmppClientToServerConnection(config.build());
        EntityCapsManager.getInstanceFor(connection).enableEntityCaps();
        return new SmackDesktop(connection);
    }

    public SmackDesktop login() throws Exception {
        connection.connect().login();
        return this;
    }

    /** Subscribes to a node; the returned list fills with the Update documents that arrive. */
    public List<Element> subscribe(String node) throws Exception {
        LeafNode leaf = PubSubManager.getInstanceFor(connection, JidCreate.bareFrom("pubsub." + DOMAIN)).getLeafNode(node);
        List<Element> updates = new CopyOnWriteArrayList<>();
        ItemEventListener<PayloadItem<?>> listener = event -> event.getItems().forEach(item -> {
            Element notification = Xml.parse(item.getPayload().toXML().toString());
            updates.add(Xml.parse(notification.getTextContent()));
        });
        leaf.addItemEventListener(listener);
        leaf.subscribe(connection.getUser());
        return updates;
    }

    public boolean pingServer() throws Exception {
        return PingManager.getInstanceFor(connection).pingMyServer();
    }

    /** The agent whose change an Update describes, from its source path. */
    public static String agent(Element update) {
        String source = Xml.childText(update, "source");
        return source.substring(source.lastIndexOf('/') + 1);
    }

    /** True when the Update describes a state change made after this instant. */
    public static boolean changedAfter(Element update, Instant instant) {
        Element user = Xml.child(Xml.child(update, "data"), "user");
        return Instant.parse(Xml.childText(user, "stateChangeTime")).isAfter(instant);
    }

    @Override
    public void close() {
        connection.disconnect();
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
