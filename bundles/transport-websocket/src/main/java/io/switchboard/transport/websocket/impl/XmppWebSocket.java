package io.switchboard.transport.websocket.impl;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dom4j.Element;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
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
    private final Executor writers;
    /** Frames written but not yet handed to Jetty, in order; a writer thread hands them over together. */
    private final Queue<ByteBuffer> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    /** The thread handling a frame from this client: it writes its own answers when done, without a hand-off. */
    private volatile Thread reader;
    /** When reading may go on, in System.nanoTime(); the client is slowed down until then. */
    private volatile long pausedUntil;
    private volatile Session session;
    private volatile CoreSession frames;
    private volatile XmppStream stream;
    private boolean opened;
    private final org.eclipse.jetty.util.Callback writeFailed = org.eclipse.jetty.util.Callback.from(() -> { }, failure -> {
        LOG.debug("Write to {} failed; disconnecting", remoteAddress(), failure);
        session.disconnect();
    });

    XmppWebSocket(StreamPipeline pipeline, Set<XmppWebSocket> connections, ThreadLocal<FrameParser> parsers,
            ScheduledExecutorService scheduler, Executor writers, WebSocketConfiguration config) {
        this.pipeline = pipeline;
        this.connections = connections;
        this.parsers = parsers;
        this.scheduler = scheduler;
        this.writers = writers;
        this.maxStanzaSize = config.maxMessageSize();
    }

    // ---- from the client ----------------------------------------------------------------------

    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
        this.frames = ((WebSocketSession) opened).getCoreSession();
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
        reader = Thread.currentThread();
        try {
            handle(text);
        } finally {
            reader = null;
            flush();
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
        write(FrameWriter.utf8(FrameWriter.open(from, streamId, version, lang)));
    }

    @Override
    public void send(Element element) {
        write(FrameWriter.frame(element));
    }

    @Override
    public synchronized void closeStream() {
        write(FrameWriter.utf8(FrameWriter.CLOSE));
        flush();
        session.close(StatusCode.NORMAL, null, Callback.NOOP);
    }

    /**
     * Queues a frame; a writer thread hands it to Jetty soon after, with whatever else has been
     * queued for this connection by then. A fan-out thus only queues, and when deliveries come
     * faster than they are written, a connection's frames leave in one write, not one each. The
     * answers to a client's own frame are handed over by the thread that read it, once it is done.
     */
    private void write(ByteBuffer frame) {
        pending.add(frame);
        if (Thread.currentThread() != reader && flushScheduled.compareAndSet(false, true)) {
            try {
                writers.execute(this::flush);
            } catch (RejectedExecutionException stopping) {
                flush(); // the HTTP server is stopping: write on this thread while the connection lasts
            }
        }
    }

    /**
     * Hands Jetty every queued frame, all but the last in batch mode: Jetty gathers a batch into
     * one buffer and writes it with the last frame.
     */
    private synchronized void flush() {
        flushScheduled.set(false); // a frame queued from here on schedules another flush
        CoreSession out = frames;
        if (out == null || !out.isOutputOpen()) {
            pending.clear();
            return;
        }
        for (ByteBuffer frame = pending.poll(); frame != null; ) {
            ByteBuffer next = pending.poll();
            out.sendFrame(new Frame(OpCode.TEXT, frame), writeFailed, next != null);
            frame = next;
        }
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
