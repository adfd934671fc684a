package io.switchboard.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A bare RFC 6120 client over a TCP socket: writes exactly the bytes a test gives it and reads the
 * server's stream with the JDK's StAX parser, one top-level element at a time. Reading happens on
 * the test's thread, so a stream restart (after STARTTLS or SASL) simply starts a new parser: the
 * server sends nothing between the element that ends a stream and the client's new header.
 */
public final class RawTcpClient implements AutoCloseable {

    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    private static final int TIMEOUT_MILLIS = 20_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private XMLStreamReader reader;
    private Element serverHeader;
    private int ids;

    private RawTcpClient(Socket socket) throws IOException {
        use(socket);
    }

    /** Connects in plain text to the STARTTLS port. */
    public static RawTcpClient connect() throws IOException {
        return new RawTcpClient(new Socket("127.0.0.1", SwitchboardOptions.tcpPort()));
    }

    /** Connects in plain text to the STARTTLS port from this local address (127.0.0.x: all loopback on Linux). */
    public static RawTcpClient connectFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new java.net.InetSocketAddress(localAddress, 0));
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", SwitchboardOptions.tcpPort()), TIMEOUT_MILLIS);
        return new RawTcpClient(socket);
    }

    /** Connects in plain text to the external component port (XEP-0114). */
    public static RawTcpClient connectComponent() throws IOException {
        return new RawTcpClient(new Socket("127.0.0.1", SwitchboardOptions.componentPort()));
    }

    /** Connects to the direct TLS port: TLS from the first byte. */
    public static RawTcpClient connectDirectTls() throws Exception {
        return connectTls(SwitchboardOptions.directTlsPort());
    }

    /** Connects with TLS from the first byte to this port, trusting the server's certificate. */
    public static RawTcpClient connectTls(int port) throws Exception {
        SSLSocket socket = (SSLSocket) tls().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setTcpNoDelay(true); // see use()
        socket.startHandshake();
        return new RawTcpClient(socket);
    }

    private void use(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        // Nagle's algorithm off: with it, the second of two small writes in a row (the client's last TLS 1.3
        // handshake records) waits for the server's delayed acknowledgement, 40 ms each handshake
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public void send(String xml) throws IOException {
        send(xml.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a stream header and reads the server's header; returns the features that follow it. */
    public Element open(String domain) throws Exception {
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='" + RawXmppClient.STREAMS
                + "' to='" + domain + "' version='1.0' xml:lang='en'>");
        readServerHeader();
        Element features = next();
        assertEquals("features", Xml.name(features));
        assertEquals(RawXmppClient.STREAMS, Xml.namespace(features));
        return features;
    }

    /** Opens a component stream (XEP-0114) to this domain; returns the server's header, whose id the handshake needs. */
    public Element openComponent(String domain) throws Exception {
        send("<stream:stream xmlns='jabber:component:accept' xmlns:stream='" + RawXmppClient.STREAMS + "' to='" + domain + "'>");
        return readServerHeader();
    }

    /** Reads the server's {@code <stream:stream>} (a new parser: every header starts a new document). */
    public Element readServerHeader() throws XMLStreamException {
        reader = XMLInputFactory.newInstance().createXMLStreamReader(in, "UTF-8");
        while (reader.next() != XMLStreamConstants.START_ELEMENT) {
            // the XML declaration
        }
        serverHeader = element(false);
        assertEquals("stream", Xml.name(serverHeader));
        assertEquals(RawXmppClient.STREAMS, Xml.namespace(serverHeader));
        return serverHeader;
    }

    /** The server's last stream header (its attributes: from, id, version). */
    public Element serverHeader() {
        return serverHeader;
    }

    /** The next top-level element, or null when the server ended its stream. */
    public Element next() throws XMLStreamException {
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return element(true);
            }
            if (event == XMLStreamConstants.END_ELEMENT || event == XMLStreamConstants.END_DOCUMENT) {
                return null; // </stream:stream>
            }
        }
    }

    /** The next element that is not a server query or an event notification. */
    public Element nextIgnoringEvents() throws XMLStreamException {
        while (true) {
            Element element = next();
            String name = Xml.name(element);
            boolean serverQuery = "iq".equals(name) && ("get".equals(Xml.attribute(element, "type"))
                    || "set".equals(Xml.attribute(element, "type")));
            if (!"message".equals(name) && !"presence".equals(name) && !serverQuery) {
                return element;
            }
        }
    }

    /** STARTTLS: asks, expects {@code <proceed/>}, then runs TLS over the same socket and opens a new stream. */
    public Element startTls() throws Exception {
        return startTls(tls());
    }

    /**
     * STARTTLS with a TLS context that many clients share ({@link #trustingTheServer()}): reading
     * the server's keystore for each one costs more than its handshake.
     */
    public Element startTls(SSLContext tls) throws Exception {
        send("<starttls xmlns='" + TLS + "'/>");
        Element proceed = next();
        assertEquals("proceed", Xml.name(proceed));
        assertEquals(TLS, Xml.namespace(proceed));
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        secure.startHandshake();
        use(secure);
        return open(SwitchboardOptions.DOMAIN);
    }

    /** Open, authenticate with PLAIN, restart, bind: returns the bound full JID. */
    public String login(String user, String resource) throws Exception {
        assertEquals("success", Xml.name(authPlain(RawXmppClient.plain("", user, SwitchboardOptions.PASSWORD))));
        open(SwitchboardOptions.DOMAIN);
        send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>" + resource + "</resource></bind></iq>");
        Element result = nextIgnoringEvents();
        assertEquals("result", Xml.attribute(result, "type"));
        return Xml.childText(Xml.child(result, "bind"), "jid");
    }

    public Element authPlain(String base64) throws Exception {
        send("<auth xmlns='" + RawXmppClient.SASL + "' mechanism='PLAIN'>" + base64 + "</auth>");
        return next();
    }

    /** Pings the server and waits for the answer: proof the session works. */
    public void ping() throws Exception {
        String id = "ping" + ++ids;
        send("<iq type='get' id='" + id + "' to='" + SwitchboardOptions.DOMAIN + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        Element answer = nextIgnoringEvents();
        assertEquals(id, Xml.attribute(answer, "id"));
        assertEquals("result", Xml.attribute(answer, "type"));
    }

    /** The certificate the server presented in this connection's TLS handshake. */
    public java.security.cert.X509Certificate peerCertificate() throws IOException {
        return (java.security.cert.X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
    }

    /** True once the server has closed the connection (end of input, or a reset). */
    public boolean awaitClosed() throws IOException {
        try {
            return socket.getInputStream().read() == -1 || socket.getInputStream().read() == -1;
        } catch (SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Reads the element whose start the reader is at into a DOM element (with its children, if complete). */
    private Element element(boolean complete) throws XMLStreamException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            document = factory.newDocumentBuilder().newDocument();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element root = start(document);
        document.appendChild(root);
        if (!complete) {
            return root;
        }
        Element current = root;
        while (current != null) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    Element child = start(document);
                    current.appendChild(child);
                    current = child;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA ->
                        current.appendChild(document.createTextNode(reader.getText()));
                case XMLStreamConstants.END_ELEMENT ->
                        current = current == root ? null : (Element) current.getParentNode();
                default -> { }
            }
        }
        return root;
    }

    private Element start(Document document) {
        String uri = reader.getNamespaceURI();
        String prefix = reader.getPrefix();
        String qualified = prefix == null || prefix.isEmpty() ? reader.getLocalName() : prefix + ":" + reader.getLocalName();
        Element element = document.createElementNS(uri == null || uri.isEmpty() ? null : uri, qualified);
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String attributeUri = reader.getAttributeNamespace(i);
            if (attributeUri == null || attributeUri.isEmpty()) {
                element.setAttribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            } else {
                element.setAttributeNS(attributeUri, reader.getAttributePrefix(i) + ":" + reader.getAttributeLocalName(i),
                        reader.getAttributeValue(i));
            }
        }
        return element;
    }

    /** A TLS context that trusts the certificate of the server the current test class booted. */
    public static SSLContext trustingTheServer() throws Exception {
        return tls();
    }

    private static SSLContext tls() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {SmackDesktop.trustTheServersCertificate()}, null);
        return context;
    }
}
