package io.switchboard.transport.websocket.impl;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.dom4j.Element;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

import io.switchboard.api.stream.StreamPipeline;
import io.switchboard.api.stream.StreamTransport;
import io.switchboard.api.stream.XmppStream;
import io.switchboard.xmldocument.RestrictedXmlReader;

/**
 * One RFC 7395 connection: each text message is one element, {@code <open/>} and {@code <close/>}
 * in the framing namespace start and end the stream. Framing only; the pipeline does the rest.
 * (Public because Jetty calls the listener methods through method handles.)
 */
public final class XmppWebSocket implements Session.Listener, StreamTransport {

    private static final Logger LOG = LoggerFactory.getLogger(XmppWebSocket.class);

    private final StreamPipeline pipeline;
    private final Set<XmppWebSocket> connections;
    private final ThreadLocal<FrameParser> parsers;
    private final int maxStanzaSize;
    private final ScheduledExecutorService scheduler;
    /** When reading may go on, in System.nanoTime(); the client is slowed down until then. */
    private volatile long pausedUntil;
    private volatile Session session;
    private volatile XmppStream stream;
    private boolean opened;

    XmppWebSocket(StreamPipeline pipeline, Set<XmppWebSocket> connections, ThreadLocal<FrameParser> parsers,
            ScheduledExecutorService scheduler, WebSocketConfiguration config) {
        this.pipeline = pipeline;
        this.connections = connections;
        this.parsers = parsers;
        this.scheduler = scheduler;
        this.maxStanzaSize = config.maxMessageSize();
    }

    // ---- from the client ----------------------------------------------------------------------

    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
        this.stream = pipeline.open(this);
        connections.add(this);
        opened.demand();
    }

    /** Asks Jetty for the next frame: at once, or when a pause the pipeline asked for is over. */
    private void demandNext() {
        long wait = pausedUntil - System.nanoTime();
        if (wait > 0) {
            scheduler.schedule(session::demand, wait, TimeUnit.NANOSECONDS);
        } else {
            session.demand();
        }
    }

    @Override
    public void onWebSocketText(String text) {
        try {
            handle(text);
        } finally {
            demandNext();
        }
    }

    private void handle(String text) {
        if (text.length() > maxStanzaSize) {
            stream.failed(StreamError.Condition.policy_violation, "a stanza may have at most " + maxStanzaSize + " characters");
            return;
        }
        Element element;
        try {
            element = parsers.get().parse(text);
        } catch (RestrictedXmlReader.RestrictedXmlException e) {
            stream.failed(StreamError.Condition.restricted_xml, e.getMessage());
            return;
        } catch (RestrictedXmlReader.PolicyViolationException e) {
            stream.failed(StreamError.Condition.policy_violation, e.getMessage());
            return;
        } catch (RestrictedXmlReader.NotWellFormedException e) {
            stream.failed(StreamError.Condition.not_well_formed, null);
            return;
        }
        boolean framing = FrameWriter.FRAMING_NS.equals(element.getNamespaceURI());
        if (framing && "open".equals(element.getName())) {
            opened = true;
            stream.opened(element.attributeValue("to"), element.attributeValue("version"),
                    element.attributeValue(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE)));
        } else if (framing && "close".equals(element.getName())) {
            stream.closed();
        } else if (!opened || framing) {
            stream.failed(StreamError.Condition.invalid_namespace,
                    "a stream starts with <open xmlns='" + FrameWriter.FRAMING_NS + "'/>");
        } else {
            stream.received(element);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        session.demand(); // for the close that follows
        stream.failed(StreamError.Condition.unsupported_encoding, "RFC 7395 uses text frames only");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        connections.remove(this);
        XmppStream ended = stream;
        if (ended != null) {
            ended.disconnected();
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket error from {}", remoteAddress(), cause);
    }

    // ---- to the client: StreamTransport ---------------------------------------------------------

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public boolean isSecure() {
        return session.isSecure();
    }

    @Override
    public String remoteHost() {
        return session.getRemoteSocketAddress() instanceof InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress() : remoteAddress();
    }

    @Override
    public void pauseReading(Duration pause) {
        pausedUntil = System.nanoTime() + pause.toNanos();
    }

    @Override
    public boolean isLoopback() {
        return session.getRemoteSocketAddress() instanceof InetSocketAddress address
                && address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }

    @Override
    public String remoteAddress() {
        Session current = session;
        return current == null ? "?" : String.valueOf(current.getRemoteSocketAddress());
    }

    @Override
    public void openStream(String from, String streamId, String version, String lang) {
        write(FrameWriter.open(from, streamId, version, lang));
    }

    @Override
    public void send(Element element) {
        write(FrameWriter.frame(element));
    }

    @Override
    public synchronized void closeStream() {
        write(FrameWriter.CLOSE);
        session.close(StatusCode.NORMAL, null, Callback.NOOP);
    }

    /** Frames are queued by Jetty in call order; the lock keeps that order equal to ours. */
    private synchronized void write(String frame) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        current.sendText(frame, Callback.from(() -> { }, failure -> {
            LOG.debug("Write to {} failed; disconnecting", remoteAddress(), failure);
            current.disconnect();
        }));
    }

    /** A WebSocket ping frame, so that proxies and NATs see traffic on a quiet connection. */
    void ping() {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    /** The server is stopping: end the stream with {@code system-shutdown}. */
    void shutdown() {
        XmppStream current = stream;
        if (current != null) {
            current.failed(StreamError.Condition.system_shutdown, null);
        }
    }
}
