package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.w3c.dom.Element;

/**
 * A bare RFC 7395 client on the JDK's WebSocket: sends exactly the frames a test writes and hands
 * back every frame the server sends, so tests can check each answer byte for byte.
 */
public final class RawXmppClient implements AutoCloseable {

    public static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    private static final long TIMEOUT_SECONDS = 20;

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final WebSocket socket;
    private int ids;

    private RawXmppClient(int port, String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("xmpp")
                .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS));
        if (origin != null) {
            builder.header("Origin", origin); // as a browser page would
        }
        socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/"), new Listener()).join();
    }

    /** Connects to the plain loopback listener of the server under test. */
    public static RawXmppClient connect() {
        return new RawXmppClient(SwitchboardOptions.plainPort(), null);
    }

    /** Connects as a script of a web page of this origin would. */
    public static RawXmppClient connectFrom(String origin) {
        return new RawXmppClient(SwitchboardOptions.plainPort(), origin);
    }

    /** How many WebSocket ping frames the server has sent. */
    public int pingsReceived() {
        return pings.get();
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** The next frame from the server, as text; fails the test if none comes. */
    public String nextFrame() throws InterruptedException {
        String frame = frames.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull("the server sent nothing within " + TIMEOUT_SECONDS + " s", frame);
        return frame;
    }

    /** The next frame, parsed. */
    public Element next() throws InterruptedException {
        return Xml.parse(nextFrame());
    }

    /** The next frame with this element name; frames of other kinds before it are passed over. */
    public Element next(String name) throws InterruptedException {
        while (true) {
            Element frame = next();
            if (name.equals(Xml.name(frame))) {
                return frame;
            }
        }
    }

    /**
     * The next frame that is not a presence, a pubsub notification or a query of the server's
     * (such as its disco#info for caps), none of which the test cares about.
     */
    public Element nextIgnoringEvents() throws InterruptedException {
        while (true) {
            Element frame = next();
            String name = Xml.name(frame);
            boolean serverQuery = "iq".equals(name) && ("get".equals(Xml.attribute(frame, "type"))
                    || "set".equals(Xml.attribute(frame, "type")));
            if (!"message".equals(name) && !"presence".equals(name) && !serverQuery) {
                return frame;
            }
        }
    }

    /** Waits until the server closes the connection; returns the WebSocket close code. */
    public int awaitClosed() throws Exception {
        return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    // ---- the steps of a login, each checked ---------------------------------------------------

    /** Sends {@code <open/>}, checks the server's {@code <open/>}, returns the features. */
    public Element open(String domain) throws InterruptedException {
        send("<open xmlns='" + FRAMING + "' to='" + domain + "' version='1.0'/>");
        Element open = next();
        assertEquals("open", Xml.name(open));
        assertEquals(FRAMING, Xml.namespace(open));
        assertEquals("1.0", Xml.attribute(open, "version"));
        assertEquals(domain, Xml.attribute(open, "from"));
        Element features = next();
        assertEquals("features", Xml.name(features));
        assertEquals(STREAMS, Xml.namespace(features));
        return features;
    }

    /** SASL PLAIN with the given initial response; returns the server's answer. */
    public Element authPlain(String base64) throws InterruptedException {
        send("<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + base64 + "</auth>");
        return next();
    }

    public static String plain(String authzid, String user, String password) {
        return Base64.getEncoder().encodeToString((authzid + "\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** One PLAIN attempt on a new connection: the name of the server's answer ("success", or the failure's condition). */
    public static String plainLogin(String user, String password) throws InterruptedException {
        try (RawXmppClient client = connect()) {
            client.open(SwitchboardOptions.DOMAIN);
            Element answer = client.authPlain(plain("", user, password));
            if ("failure".equals(Xml.name(answer))) {
                Element condition = Xml.children(answer, "*").get(0);
                assertNotNull(condition);
                return Xml.name(condition);
            }
            return Xml.name(answer);
        }
    }

    /** Open, authenticate, restart: returns the features offered after authentication. */
    public Element authenticate(String user) throws InterruptedException {
        open(SwitchboardOptions.DOMAIN);
        assertEquals("success", Xml.name(authPlain(plain("", user, SwitchboardOptions.PASSWORD))));
        return open(SwitchboardOptions.DOMAIN);
    }

    /** Open, authenticate, restart, bind: returns the bound full JID. */
    public String login(String user, String resource) throws InterruptedException {
        authenticate(user);
        send("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                + "<resource>" + resource + "</resource></bind></iq>");
        Element result = nextIgnoringEvents();
        assertEquals("result", Xml.attribute(result, "type"));
        return Xml.childText(Xml.child(result, "bind"), "jid");
    }

    /** Sends an IQ get to this address and returns its result; fails the test on anything else. */
    public Element get(String to, String child) throws InterruptedException {
        String id = "get" + ++ids;
        send("<iq xmlns='jabber:client' type='get' id='" + id + "' to='" + to + "'>" + child + "</iq>");
        Element answer = nextIgnoringEvents();
        assertEquals(id, Xml.attribute(answer, "id"));
        assertEquals("result", Xml.attribute(answer, "type"));
        return answer;
    }

    /** Sends an IQ set to this address and returns the answer, a result or an error. */
    public Element set(String to, String child) throws InterruptedException {
        String id = "set" + ++ids;
        send("<iq xmlns='jabber:client' type='set' id='" + id + "' to='" + to + "'>" + child + "</iq>");
        Element answer = nextIgnoringEvents();
        assertEquals(id, Xml.attribute(answer, "id"));
        return answer;
    }

    /** The JIDs the server lists in its disco#items: the components mounted now. */
    public List<String> serverItems() throws InterruptedException {
        Element answer = get(SwitchboardOptions.DOMAIN, "<query xmlns='http://jabber.org/protocol/disco#items'/>");
        return Xml.children(Xml.child(answer, "query"), "item").stream().map(item -> Xml.attribute(item, "jid")).toList();
    }

    /** Pings the server and waits for the answer: proof the session works. */
    public void ping(String id) throws InterruptedException {
        send("<iq xmlns='jabber:client' type='get' id='" + id + "' to='" + SwitchboardOptions.DOMAIN
                + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        Element answer = nextIgnoringEvents();
        assertEquals(id, Xml.attribute(answer, "id"));
        assertEquals("result", Xml.attribute(answer, "type"));
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
            pings.incrementAndGet();
            return WebSocket.Listener.super.onPing(webSocket, message); // answers with a pong
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
