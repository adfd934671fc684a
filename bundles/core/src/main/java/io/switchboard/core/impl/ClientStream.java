package io.switchboard.core.impl;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

import io.micrometer.core.instrument.Counter;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionEnd;
import io.switchboard.api.stream.Negotiation;
import io.switchboard.api.stream.StreamFeature;
import io.switchboard.api.stream.StreamManagement;
import io.switchboard.api.stream.StreamTransport;

/**
 * The state machine of one client stream (RFC 6120): open, SASL, restart, bind, then stanzas.
 * It is what the transport's {@link Connection} feeds, the features' {@link Negotiation}, and once
 * bound the {@link ClientSession} the router delivers to. A managed session (XEP-0198) outlives its
 * connection: it waits DETACHED until a new connection resumes it or it ends.
 * <p>Over 400 lines on purpose: the three roles are one object because they share one state and
 * its transitions; apart, each would have to reach into the others' state.
 */
final class ClientStream implements Negotiation, ClientSession {

    static final String STREAMS_NS = "http://etherx.jabber.org/streams";
    static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    private static final Namespace STREAMS = Namespace.get("stream", STREAMS_NS);
    private static final Logger LOG = LoggerFactory.getLogger(ClientStream.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the stream is; ENDED is final: no transition leaves it. */
    enum State { AWAITING_OPEN, AUTHENTICATING, AWAITING_RESTART, BINDING, BOUND, DETACHED, ENDED }

    private final DefaultStreamPipeline pipeline;
    /** The connection carrying the stream: another one after a resumption. */
    private volatile Connection connection;
    /** Stream management, once the client enabled it; null otherwise. */
    private volatile StreamManagement management;
    /** Held while a managed session writes a stanza, so that management sees them in their order. */
    private final Object outbound = new Object();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicBoolean countedUnauthenticated = new AtomicBoolean(true);
    private final StanzaRate rate;
    /** Stanzas received and delivered, when metrics are collected; null otherwise. */
    private final Counter received;
    private final Counter delivered;
    /*
     * Atomic because the stream may be ended from other threads (a kick, a disconnect) while its
     * own thread moves it on: every transition names the state it leaves, so none undoes the end.
     */
    private final AtomicReference<State> state = new AtomicReference<>(State.AWAITING_OPEN);
    private volatile boolean headerSent;
    private volatile String streamId;
    private volatile String username;
    private volatile JID address;
    private volatile Instant since;
    private volatile Presence presence;
    private volatile Instant lastReceived = Instant.now();
    private volatile SessionEnd end;

    ClientStream(DefaultStreamPipeline pipeline, Connection connection, StanzaRate rate, Counter received, Counter delivered) {
        this.pipeline = pipeline;
        this.connection = connection;
        this.rate = rate;
        this.received = received;
        this.delivered = delivered;
        connection.carry(this);
    }

    private StreamTransport wire() {
        return connection.transport;
    }

    // ---- what the connection tells us ---------------------------------------------------------

    synchronized void opened(Connection from, String to, String version, String lang) {
        if (from != connection) {
            return;
        }
        lastReceived = Instant.now();
        State current = state.get();
        if (current != State.AWAITING_OPEN && current != State.AWAITING_RESTART) {
            fail(StreamError.Condition.policy_violation, "the stream is already open");
            return;
        }
        sendHeader();
        if (to != null && !to.equalsIgnoreCase(domain())) {
            fail(StreamError.Condition.host_unknown, "this server is " + domain());
            return;
        }
        if (version == null || !version.startsWith("1.")) {
            fail(StreamError.Condition.unsupported_version, "version 1.0 is required");
            return;
        }
        State next = current == State.AWAITING_OPEN ? State.AUTHENTICATING : State.BINDING;
        if (!state.compareAndSet(current, next)) {
            return; // ended meanwhile, from another thread
        }
        sendFeatures(next == State.AUTHENTICATING ? StreamFeature.STAGE_PRE_AUTH : StreamFeature.STAGE_POST_AUTH);
    }

    synchronized void received(Connection from, Element element) {
        if (from != connection) {
            return; // a connection this session was resumed away from
        }
        lastReceived = Instant.now();
        long pause = rate.take();
        if (pause == StanzaRate.OVER_LIMIT) {
            fail(StreamError.Condition.policy_violation, "too many stanzas per second");
            return;
        }
        if (pause > 0) {
            wire().pauseReading(java.time.Duration.ofNanos(pause));
        }
        switch (state.get()) {
            case AWAITING_OPEN -> fail(StreamError.Condition.invalid_namespace, "the stream must start with <open/>");
            case AUTHENTICATING -> {
                if (TLS_NS.equals(element.getNamespaceURI())) {
                    startTls(element);
                } else if (wire().requiresStartTls() && !isSecure()) {
                    fail(StreamError.Condition.policy_violation, "this server requires STARTTLS first");
                } else {
                    negotiate(element, StreamFeature.STAGE_PRE_AUTH, featureNamespace(element)); // an IQ: XEP-0077 registration
                }
            }
            case AWAITING_RESTART -> fail(StreamError.Condition.policy_violation, "the stream must be restarted after SASL");
            case BINDING -> negotiate(element, StreamFeature.STAGE_POST_AUTH, featureNamespace(element));
            case BOUND -> {
                if (element.getNamespaceURI().isEmpty()) {
                    stanza(element);
                } else {
                    nonza(element);
                }
            }
            case DETACHED, ENDED -> { }
        }
    }

    synchronized void closed(Connection from) {
        if (from != connection) {
            return;
        }
        State left = end(SessionEnd.CLOSED);
        if (left != null) {
            if (left != State.DETACHED) {
                wire().closeStream();
            }
            finish();
        }
    }

    void failed(Connection from, StreamError.Condition condition, String text) {
        if (from == connection) {
            fail(condition, text);
        }
    }

    /** The connection is gone: a managed session may wait, detached, for the client to resume it. */
    void disconnected(Connection from) {
        if (from != connection) {
            return;
        }
        StreamManagement managed = management;
        boolean keep = managed != null && state.get() == State.BOUND && managed.detach();
        State left;
        synchronized (outbound) { // where a resumption attaches a new connection: decide against it, not beside it
            if (from != connection) {
                return; // resumed meanwhile: the session lives on over its new connection
            }
            if (keep && state.compareAndSet(State.BOUND, State.DETACHED)) {
                LOG.debug("Session {} detached: its connection from {} is gone", address, from.transport.remoteAddress());
                return;
            }
            left = end(SessionEnd.CONNECTION_LOST);
        }
        if (left != null) {
            finish();
        }
    }

    /**
     * Moves to ENDED, recording why; returns the state it left, or null if the stream had ended
     * already (it ends once). A detached session that ends had lost its connection, whatever ends it
     * now, unless a new login replaced it or the server stops.
     */
    private State end(SessionEnd why) {
        State left = state.getAndSet(State.ENDED);
        if (left == State.ENDED) {
            return null;
        }
        end = left == State.DETACHED && why != SessionEnd.REPLACED && why != SessionEnd.SHUTDOWN
                ? SessionEnd.CONNECTION_LOST : why;
        return left;
    }

    // ---- negotiation ------------------------------------------------------------------------

    /** An IQ goes to the feature of its child's namespace (binding, registration), any other element to its own. */
    private static String featureNamespace(Element element) {
        if ("iq".equals(element.getName()) && element.getNamespaceURI().isEmpty()) {
            Element child = firstChild(element);
            return child == null ? "" : child.getNamespaceURI();
        }
        return element.getNamespaceURI();
    }

    /** An element in a namespace of its own from a bound client: stream management's, or a feature's. */
    private void nonza(Element element) {
        StreamManagement managed = management;
        if (managed != null && managed.namespace().equals(element.getNamespaceURI())) {
            try {
                managed.process(element);
            } catch (RuntimeException e) {
                LOG.error("Stream management failed on {}", element.asXML(), e);
                fail(StreamError.Condition.internal_server_error, null);
            }
        } else if (pipeline.feature(StreamFeature.STAGE_POST_AUTH, element.getNamespaceURI()) != null) {
            negotiate(element, StreamFeature.STAGE_POST_AUTH, element.getNamespaceURI());
        } else {
            fail(StreamError.Condition.unsupported_stanza_type, element.getQualifiedName() + " is not supported");
        }
    }

    private void negotiate(Element element, String stage, String namespace) {
        StreamFeature feature = pipeline.feature(stage, namespace);
        if (feature == null) {
            fail(StreamError.Condition.not_authorized,
                    stage.equals(StreamFeature.STAGE_PRE_AUTH) ? "authenticate first" : "bind a resource first");
            return;
        }
        try {
            feature.process(element, this);
        } catch (RuntimeException e) {
            LOG.error("Stream feature {} failed on {}", feature.getClass().getName(), element.asXML(), e);
            fail(StreamError.Condition.internal_server_error, null);
        }
    }

    /** RFC 6120 5.4.2: proceed, and the client opens a new stream over TLS; or failure, and the end. */
    private void startTls(Element element) {
        StreamTransport transport = wire();
        if (!"starttls".equals(element.getName()) || !transport.canStartTls() || isSecure()) {
            transport.send(DocumentHelper.createElement(QName.get("failure", TLS_NS)));
            closed(connection);
            return;
        }
        transport.send(DocumentHelper.createElement(QName.get("proceed", TLS_NS)));
        transport.startTls();
        state.compareAndSet(State.AUTHENTICATING, State.AWAITING_OPEN);
    }

    /** Every stream header, including a restart's, gets a fresh id. */
    private void sendHeader() {
        headerSent = true;
        streamId = HexFormat.of().formatHex(randomBytes());
        wire().openStream(domain(), streamId, "1.0", "en");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private void sendFeatures(String stage) {
        StreamTransport transport = wire();
        Element features = DocumentHelper.createElement(QName.get("features", STREAMS));
        if (stage.equals(StreamFeature.STAGE_PRE_AUTH) && transport.canStartTls() && !isSecure()) {
            Element startTls = features.addElement(QName.get("starttls", TLS_NS));
            if (transport.requiresStartTls()) {
                startTls.addElement(QName.get("required", TLS_NS));
                transport.send(features); // RFC 6120 5.3.1: nothing else is offered before TLS
                return;
            }
        }
        for (StreamFeature feature : pipeline.features(stage)) {
            Element advertised = feature.advertise(this);
            if (advertised != null) {
                features.add(advertised.createCopy());
            }
        }
        transport.send(features);
    }

    @Override
    public String domain() {
        return pipeline.router.domain();
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public boolean isSecure() {
        return wire().isSecure();
    }

    @Override
    public boolean isLoopback() {
        return wire().isLoopback();
    }

    @Override
    public String transport() {
        return wire().name();
    }

    @Override
    public String remoteAddress() {
        return wire().remoteAddress();
    }

    @Override
    public String remoteHost() {
        return wire().remoteHost();
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public Object attribute(String key) {
        return attributes.get(key);
    }

    @Override
    public void attribute(String key, Object value) {
        if (value == null) {
            attributes.remove(key);
        } else {
            attributes.put(key, value);
        }
    }

    /** Writes to the connection; nothing while detached, when there is none. */
    @Override
    public void send(Element element) {
        if (state.get() != State.DETACHED) {
            wire().send(element);
        }
    }

    @Override
    public void authenticated(String user) {
        this.username = user;
        state.compareAndSet(State.AUTHENTICATING, State.AWAITING_RESTART);
        wire().restartStream();
        stopCountingUnauthenticated();
    }

    private void stopCountingUnauthenticated() {
        if (countedUnauthenticated.compareAndSet(true, false)) {
            pipeline.leftUnauthenticated(wire());
        }
    }

    @Override
    public void bind(JID fullJid) {
        if (state.get() != State.BINDING || username == null || !username.equals(fullJid.getNode())
                || !domain().equals(fullJid.getDomain()) || fullJid.getResource() == null) {
            throw new IllegalStateException("cannot bind " + fullJid + " in state " + state.get());
        }
        this.address = fullJid;
        this.since = Instant.now();
        if (!state.compareAndSet(State.BINDING, State.BOUND)) {
            throw new IllegalStateException("cannot bind " + fullJid + ": the stream ended");
        }
        pipeline.sessions.bind(this);
    }

    @Override
    public ClientSession session() {
        return address == null ? null : this;
    }

    @Override
    public void manage(StreamManagement managed, Element answer) {
        synchronized (outbound) {
            if (state.get() != State.BOUND || management != null) {
                throw new IllegalStateException("cannot manage " + this + " in state " + state.get());
            }
            wire().send(answer);
            this.management = managed;
        }
    }

    @Override
    public boolean resume(ClientSession session, Runnable whileAttaching) {
        if (!(session instanceof ClientStream earlier) || earlier == this || earlier.pipeline != pipeline
                || state.get() != State.BINDING || username == null || !username.equals(earlier.username)) {
            return false;
        }
        Connection mine = connection;
        if (!earlier.attach(mine, whileAttaching)) {
            return false;
        }
        // this stream was only the way in: it ends without having been a session
        state.set(State.ENDED);
        pipeline.ended(this);
        return true;
    }

    /**
     * Takes over a new connection (stream resumption). The connection it had, if it still thinks it
     * is open, is closed; whatever it reports afterwards is ignored.
     */
    private synchronized boolean attach(Connection next, Runnable whileAttaching) {
        Connection previous;
        synchronized (outbound) {
            State current = state.get();
            if ((current != State.BOUND && current != State.DETACHED) || management == null
                    || !state.compareAndSet(current, State.BOUND)) {
                return false;
            }
            previous = connection;
            connection = next;
            next.carry(this);
            lastReceived = Instant.now();
            whileAttaching.run();
        }
        if (previous != next) {
            previous.transport.closeStream();
        }
        LOG.debug("Session {} resumed over {} from {}", address, next.transport.name(), next.transport.remoteAddress());
        return true;
    }

    @Override
    public void fail(StreamError.Condition condition, String text) {
        SessionEnd why = switch (condition) {
            case conflict -> SessionEnd.REPLACED;
            case connection_timeout -> SessionEnd.TIMED_OUT;
            case system_shutdown -> SessionEnd.SHUTDOWN;
            default -> SessionEnd.STREAM_ERROR;
        };
        State left = end(why);
        if (left == null) {
            return;
        }
        StreamTransport transport = wire();
        if (left != State.DETACHED) {
            if (!headerSent) {
                sendHeader(); // RFC 6120 4.9.1.1: the header comes first, even for an error
            }
            StreamError error = text == null ? new StreamError(condition) : new StreamError(condition, text);
            Element element = DocumentHelper.createElement(QName.get("error", STREAMS));
            error.getElement().elements().forEach(child -> element.add(child.createCopy()));
            transport.send(element);
            transport.closeStream();
        }
        LOG.debug("Stream {} from {} ended with {}", streamId, transport.remoteAddress(), condition.toXMPP());
        finish();
    }

    private void finish() {
        stopCountingUnauthenticated();
        if (address != null) {
            pipeline.sessions.unbind(this);
        }
        pipeline.ended(this);
        StreamManagement managed = management;
        if (managed != null) {
            try {
                managed.ended(end);
            } catch (RuntimeException e) {
                LOG.warn("Stream management failed at the end of {}", this, e);
            }
        }
    }

    // ---- stanzas of a bound session ------------------------------------------------------------

    private void stanza(Element element) {
        if (received != null) {
            received.increment();
        }
        Packet packet;
        if (!element.getNamespaceURI().isEmpty()) {
            fail(StreamError.Condition.unsupported_stanza_type, element.getQualifiedName() + " is not supported");
            return;
        }
        switch (element.getName()) {
            case "message" -> packet = new Message(element, true);
            case "presence" -> packet = new Presence(element, true);
            case "iq" -> packet = new IQ(element, true);
            default -> {
                fail(StreamError.Condition.unsupported_stanza_type, element.getName() + " is not a stanza");
                return;
            }
        }
        String from = element.attributeValue("from");
        if (from != null && !isOwnAddress(from)) {
            fail(StreamError.Condition.invalid_from, from + " is not this session's address");
            return;
        }
        StreamManagement managed = management;
        if (managed != null) {
            managed.received(element);
        }
        packet.setFrom(address);
        pipeline.router.route(packet);
    }

    private boolean isOwnAddress(String from) {
        try {
            JID jid = new JID(from);
            return jid.equals(address) || jid.equals(address.asBareJID());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Element firstChild(Element element) {
        return element.elements().isEmpty() ? null : element.elements().get(0);
    }

    // ---- ClientSession ----------------------------------------------------------------------

    @Override
    public JID address() {
        return address;
    }

    @Override
    public Instant since() {
        return since;
    }

    @Override
    public Instant lastReceived() {
        return lastReceived;
    }

    @Override
    public SessionEnd end() {
        return end;
    }

    @Override
    public Presence presence() {
        return presence;
    }

    @Override
    public void presence(Presence latest) {
        this.presence = latest;
    }

    @Override
    public boolean isDetached() {
        return state.get() == State.DETACHED;
    }

    /** What stream management says of this session for the operator, or null when unmanaged. */
    String managementSummary() {
        StreamManagement managed = management;
        return managed == null ? null : managed.describe();
    }

    @Override
    public void deliver(Packet packet) {
        StreamManagement managed = management;
        if (managed == null) {
            if (state.get() == State.BOUND) {
                write(packet.getElement());
            }
            return;
        }
        synchronized (outbound) {
            State current = state.get();
            if (current == State.BOUND) {
                write(packet.getElement());
            }
            if (current == State.BOUND || current == State.DETACHED) {
                managed.sent(packet.getElement());
            }
        }
    }

    private void write(Element stanza) {
        wire().send(stanza);
        if (delivered != null) {
            delivered.increment();
        }
    }

    @Override
    public void close(StreamError.Condition condition) {
        if (condition == null) {
            closed(connection);
        } else {
            fail(condition, null);
        }
    }

    @Override
    public String toString() {
        return address != null ? address.toString() : "stream " + streamId + " from " + wire().remoteAddress();
    }
}
