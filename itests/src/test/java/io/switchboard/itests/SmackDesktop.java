package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.bosh.BOSHConfiguration;
import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
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
 * An agent desktop on Smack 4.5 over wss://, BOSH over https:// or TCP, trusting the self-signed certificate the
 * server created on first start, with entity caps on, as Finesse's Smack-based clients run.
 */
public final class SmackDesktop implements AutoCloseable {

    /** How the desktop reaches the server. */
    public enum Transport { WEBSOCKET, BOSH, STARTTLS, DIRECT_TLS }

    public final AbstractXMPPConnection connection;

    private SmackDesktop(AbstractXMPPConnection connection) {
        this.connection = connection;
    }

    /** A desktop for this user with resource 'desktop' over wss://, not yet connected. */
    public static SmackDesktop of(String user) throws Exception {
        return over(Transport.WEBSOCKET, user, null);
    }

    /**
     * A desktop for this user with resource 'desktop', not yet connected.
     *
     * @param mechanism the only SASL mechanism it may use, or null for Smack's own choice
     */
    public static SmackDesktop over(Transport transport, String user, String mechanism) throws Exception {
        return over(transport, user, mechanism, "desktop");
    }

    /** A client for this user with its own resource, not yet connected: a second resource beside a desktop. */
    public static SmackDesktop over(Transport transport, String user, String mechanism, String resource) throws Exception {
        X509TrustManager trust = trustTheServersCertificate();
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trust}, null);
        SSLContext.setDefault(tls); // Smack's Java 11 WebSocket uses the default context
        ScramSha256ForSmack.register();
        AbstractXMPPConnection connection = switch (transport) {
            case WEBSOCKET -> {
                ModularXmppClientToServerConnectionConfiguration.Builder config = ModularXmppClientToServerConnectionConfiguration.builder();
                common(config, user, mechanism, resource).setSecurityMode(SecurityMode.required); // wss://: TLS from the first byte
                config.removeAllModules();
                config.addModule(XmppWebSocketTransportModuleDescriptor.getBuilder(config)
                        .explicitlySetWebSocketEndpoint(URI.create("wss://localhost:" + SwitchboardOptions.securePort() + "/ws/"))
                        .build());
                yield new ModularXmppClientToServerConnection(config.build());
            }
            case BOSH -> {
                // jbosh makes its own TLS context from the JVM's trust store (Smack hands it none)
                System.setProperty("javax.net.ssl.trustStore", SwitchboardOptions.work().resolve("data/switchboard.p12").toString());
                System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
                System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
                yield new XMPPBOSHConnection(common(BOSHConfiguration.builder(), user, mechanism, resource)
                        .setUseHttps(true).setFile("/http-bind/")
                        .setHost("localhost").setPort(SwitchboardOptions.securePort())
                        .setSecurityMode(SecurityMode.disabled) // TLS is HTTPS's; there is no STARTTLS in BOSH
                        .build());
            }
            case STARTTLS -> new XMPPTCPConnection(common(XMPPTCPConnectionConfiguration.builder(), user, mechanism, resource)
                    .setHost("localhost").setPort(SwitchboardOptions.tcpPort())
                    .setSecurityMode(SecurityMode.required)
                    .setCustomX509TrustManager(trust)
                    .build());
            // TLS from the first byte, made by the socket factory; Smack then has nothing to negotiate
            case DIRECT_TLS -> new XMPPTCPConnection(common(XMPPTCPConnectionConfiguration.builder(), user, mechanism, resource)
                    .setHost("localhost").setPort(SwitchboardOptions.directTlsPort())
                    .setSecurityMode(SecurityMode.disabled)
                    .setSocketFactory(tls.getSocketFactory())
                    .build());
        };
        // Smack's 5 s also bounds the WebSocket handshake: a loaded build machine can take longer
        connection.setReplyTimeout(Duration.ofSeconds(30).toMillis());
        EntityCapsManager.getInstanceFor(connection).enableEntityCaps();
        return new SmackDesktop(connection);
    }

    /**
     * A TCP client (STARTTLS) for this user with resource 'desktop' that connects to this port, such as
     * a proxy's in front of the server's TCP listener; with stream management and resumption on.
     */
    public static SmackDesktop overTcpWithStreamManagement(String user, int port) throws Exception {
        X509TrustManager trust = trustTheServersCertificate();
        ScramSha256ForSmack.register();
        XMPPTCPConnection connection = new XMPPTCPConnection(common(XMPPTCPConnectionConfiguration.builder(), user, null, "desktop")
                .setHost("localhost").setPort(port)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trust)
                .build());
        connection.setUseStreamManagement(true);
        connection.setUseStreamManagementResumption(true);
        connection.setReplyTimeout(Duration.ofSeconds(30).toMillis());
        return new SmackDesktop(connection);
    }

    private static <B extends ConnectionConfiguration.Builder<B, ?>> B common(B config, String user, String mechanism,
            String resource)
            throws Exception {
        config.setXmppDomain(DOMAIN)
                .setUsernameAndPassword(user, SwitchboardOptions.PASSWORD)
                .setResource(resource)
                // the certificate names localhost, the XMPP domain is the trace's: trust is pinned to the one certificate
                .setHostnameVerifier((host, session) -> true);
        if (mechanism != null) {
            config.addEnabledSaslMechanism(mechanism);
        }
        return config;
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
        return changeTime(update).isAfter(instant);
    }

    /**
     * True when the Update describes a state change made at or after this instant, to the
     * millisecond its stateChangeTime carries: a change in the same millisecond counts.
     */
    public static boolean changedSince(Element update, Instant instant) {
        return !changeTime(update).isBefore(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    private static Instant changeTime(Element update) {
        return Instant.parse(Xml.childText(Xml.child(Xml.child(update, "data"), "user"), "stateChangeTime"));
    }

    @Override
    public void close() {
        connection.disconnect();
    }

    /** Trusts exactly the certificate in the server's keystore, as a desktop's administrator would. */
    static X509TrustManager trustTheServersCertificate() throws Exception {
        return trusting(SwitchboardOptions.work().resolve("data/switchboard.p12"));
    }

    /** Trusts exactly the certificate in this server keystore (the self-signed one a server makes at first start). */
    static X509TrustManager trusting(Path serverKeystore) throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeystore)) {
            keystore.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keystore);
        return (X509TrustManager) trust.getTrustManagers()[0];
    }
}
