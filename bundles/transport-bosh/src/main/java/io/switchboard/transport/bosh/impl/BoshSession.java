package io.switchboard.transport.bosh.impl;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.xmpp.packet.StreamError;

import io.switchboard.api.stream.StreamPipeline;
import io.switchboard.api.stream.StreamTransport;
import io.switchboard.api.stream.XmppStream;

/**
 * One BOSH session (XEP-0124, XEP-0206): the requests of one client, put in {@code rid} order,
 * feed one stream of the pipeline; what the pipeline sends waits for a held request.
 * <p>
 * Two locks: {@code input} keeps the calls into the stream in {@code rid} order and one at a time;
 * {@code this} guards the session's state and is never held while calling the stream, since the
 * stream may route to another session on the same thread (which would then take that session's
 * lock: two sessions talking to each other would deadlock).
 */
final class BoshSession implements StreamTransport {

    /** An HTTP request waiting for its response body; answered once. */
    interface Exchange {
        void respond(String body);
    }

    /** Runs a task after a delay; returns what cancels it. */
    interface Timers {
        Runnable schedule(Runnable task, Duration delay);
    }

    /** What was agreed with the client at creation. */
    record Terms(int waitSeconds, int hold, int requests, int inactivitySeconds, int pollingSeconds) {
    }

    /** Where the client connected from when it created the session. */
    record Peer(String host, int port, boolean secure, boolean loopback) {
    }

    static final String VERSION = "1.11";

    /** A request: waiting for a missing rid (ahead), or held for a response. */
    private static final class Held {
        final long rid;
        final Element body;
        Exchange exchange;
        Runnable cancel = () -> { };

        Held(long rid, Element body, Exchange exchange) {
            this.rid = rid;
            this.body = body;
            this.exchange = exchange;
        }
    }

    private final String sid;
    private final Terms terms;
    private final Peer peer;
    private final StreamPipeline pipeline;
    private final Timers timers;
    private final LongSupplier nanoClock;
    private final Consumer<BoshSession> onEnd;
    private final Object input = new Object();

    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final TreeMap<Long, Held> ahead = new TreeMap<>();
    private final List<String> outgoing = new ArrayList<>();
    private final Map<Long, String> responses = new LinkedHashMap<>();
    private long firstRid;
    private long lastRid;
    private long lastActive;
    /** A request is being fed to the stream: what it sends is batched into one response after. */
    private boolean processing;
    /** The session ends with the next response (a terminate body). */
    private boolean ending;
    private String terminateCondition;
    private boolean discardOutgoing;
    private boolean ended;
    private String queuedStreamError;

    private String to;
    private String version;
    private String lang;
    private volatile String from;
    private volatile String authId;
    private volatile XmppStream stream;

    BoshSession(String sid, Terms terms, Peer peer, StreamPipeline pipeline, Timers timers, LongSupplier nanoClock,
            Consumer<BoshSession> onEnd) {
        this.sid = sid;
        this.terms = terms;
        this.peer = peer;
        this.pipeline = pipeline;
        this.timers = timers;
        this.nanoClock = nanoClock;
        this.onEnd = onEnd;
        this.lastActive = nanoClock.getAsLong();
    }

    String sid() {
        return sid;
    }

    Terms terms() {
        return terms;
    }

    // ---- from the client ----------------------------------------------------------------------

    /** The session creation request: opens the stream; its response carries the session's terms and the features. */
    void start(Element body, long rid, Exchange exchange) {
        synchronized (input) {
            Held current = new Held(rid, body, exchange);
            synchronized (this) {
                to = body.attributeValue("to");
                version = body.attributeValue(QName.get("version", Namespace.get("xmpp", BodyParser.XBOSH)));
                lang = body.attributeValue(QName.get("lang", Namespace.XML_NAMESPACE));
                firstRid = rid;
                lastRid = rid;
                hold(current);
                processing = true;
            }
            try {
                stream = pipeline.open(this);
                stream.opened(to, version, lang);
            } finally {
                doneProcessing();
            }
        }
    }

    /** A request of this session, in whatever order it arrived. */
    void request(Element body, long rid, Exchange exchange) {
        synchronized (input) {
            Held current = new Held(rid, body, exchange);
            boolean process;
            synchronized (this) {
                lastActive = nanoClock.getAsLong();
                if (ended) {
                    exchange.respond(BodyWriter.terminate("item-not-found", List.of()));
                    return;
                }
                if (ending) {
                    held.addLast(current);
                    flush();
                    return;
                }
                if (rid <= lastRid) {
                    if (replay(current)) {
                        return;
                    }
                    process = false; // too old to answer again
                } else if (rid > lastRid + terms.requests()) {
                    process = false; // beyond the window: the client lost track
                } else if (rid > lastRid + 1) {
                    park(current);
                    return;
                } else {
                    process = true;
                }
            }
            if (!process) {
                terminate(current, "item-not-found", null, null);
                return;
            }
            process(current);
            while (true) {
                Held next;
                synchronized (this) {
                    next = ending || ended ? null : ahead.remove(lastRid + 1);
                    if (next == null) {
                        break;
                    }
                    next.cancel.run();
                }
                process(next);
            }
        }
    }

    /** The request broke XMPP's rules (restricted XML, limits): the stream ends with this stream error. */
    void fail(Exchange exchange, StreamError.Condition condition, String text) {
        synchronized (input) {
            synchronized (this) {
                if (ended) {
                    if (exchange != null) {
                        exchange.respond(BodyWriter.terminate("item-not-found", List.of()));
                    }
                    return;
                }
                if (exchange != null) {
                    held.addLast(new Held(-1, null, exchange)); // its rid is unknown: never replayed
                }
                processing = true;
            }
            try {
                XmppStream current = stream;
                if (current != null) {
                    current.failed(condition, text);
                }
            } finally {
                synchronized (this) {
                    if (!ending) { // the stream had ended already
                        ending = true;
                        terminateCondition = "undefined-condition";
                    }
                }
                doneProcessing();
            }
        }
    }

    /**
     * Ends the session with a BOSH condition of its own (bad-request, policy-violation,
     * item-not-found): the stream fails with {@code streamCondition}, or is disconnected when it is
     * null, and what the pipeline sends on the way out is dropped.
     */
    void terminate(Exchange exchange, String condition, StreamError.Condition streamCondition, String text) {
        terminate(exchange == null ? null : new Held(-1, null, exchange), condition, streamCondition, text);
    }

    private void terminate(Held current, String condition, StreamError.Condition streamCondition, String text) {
        synchronized (input) {
            synchronized (this) {
                if (ended) {
                    if (current != null) {
                        current.exchange.respond(BodyWriter.terminate(condition, List.of()));
                    }
                    return;
                }
                if (!ending) {
                    ending = true;
                    terminateCondition = condition;
                    discardOutgoing = true;
                }
                if (current != null) {
                    held.addLast(current);
                }
                processing = true;
            }
            try {
                XmppStream target = stream;
                if (target != null) {
                    if (streamCondition == null) {
                        target.disconnected();
                    } else {
                        target.failed(streamCondition, text);
                    }
                }
            } finally {
                doneProcessing();
            }
        }
    }

    /** Ends the session if no request has been held for longer than the inactivity allowed. */
    void checkInactive() {
        synchronized (this) {
            if (ended || !held.isEmpty() || !ahead.isEmpty()
                    || nanoClock.getAsLong() - lastActive <= Duration.ofSeconds(terms.inactivitySeconds()).toNanos()) {
                return;
            }
            ended = true;
        }
        synchronized (input) {
            XmppStream current = stream;
            if (current != null) {
                current.disconnected();
            }
        }
        onEnd.accept(this);
    }

    /** The transport is stopping: the stream ends with system-shutdown. */
    void shutdown() {
        fail(null, StreamError.Condition.system_shutdown, null);
        synchronized (this) {
            if (!ended) { // no request to carry it; the sid is forgotten with the transport
                ended = true;
                onEnd.accept(this);
            }
        }
    }

    // ---- the session's state, under this ---------------------------------------------------------

    private void process(Held current) {
        synchronized (this) {
            lastRid = current.rid;
            hold(current);
            processing = true;
        }
        try {
            Element body = current.body;
            XmppStream target = stream;
            if ("true".equals(body.attributeValue(QName.get("restart", Namespace.get("xmpp", BodyParser.XBOSH))))) {
                String restartTo = body.attributeValue("to");
                String restartLang = body.attributeValue(QName.get("lang", Namespace.XML_NAMESPACE));
                target.opened(restartTo != null ? restartTo : to, version, restartLang != null ? restartLang : lang);
                return;
            }
            for (Element child : new ArrayList<>(body.elements())) {
                child.detach(); // the stanza is routed on its own
                target.received(child);
            }
            if ("terminate".equals(body.attributeValue("type"))) {
                target.closed();
            }
        } finally {
            doneProcessing();
        }
    }

    private void doneProcessing() {
        synchronized (this) {
            processing = false;
            flush();
        }
    }

    /** Holds a request until there is something to send or its wait is over. */
    private void hold(Held request) {
        held.addLast(request);
        request.cancel = timers.schedule(() -> expire(request), Duration.ofSeconds(terms.waitSeconds()));
    }

    private synchronized void expire(Held request) {
        if (held.remove(request)) {
            answer(request, List.of());
            flush();
        }
    }

    /** A request ahead of one still missing waits for it, at most the wait; then the session is lost. */
    private void park(Held request) {
        Held previous = ahead.put(request.rid, request);
        if (previous != null) { // sent again: the first one's connection is given up
            previous.cancel.run();
            previous.exchange.respond(BodyWriter.body(Map.of(), List.of()));
        }
        request.cancel = timers.schedule(() -> terminate((Held) null, "item-not-found", null, null),
                Duration.ofSeconds(terms.waitSeconds()));
    }

    /** A rid seen before: the same response again, or, while it is still held, the new connection takes its place. */
    private boolean replay(Held request) {
        String response = responses.get(request.rid);
        if (response != null) {
            request.exchange.respond(response);
            return true;
        }
        for (Held waiting : held) {
            if (waiting.rid == request.rid) {
                Exchange given = waiting.exchange;
                waiting.exchange = request.exchange;
                given.respond(BodyWriter.body(Map.of(), List.of()));
                return true;
            }
        }
        return false;
    }

    /** Answers held requests: everything queued to the oldest, and the oldest beyond {@code hold} empty. */
    private void flush() {
        if (processing || ended || queuedStreamError != null && !ending) {
            return; // a stream error is followed by closeStream: both go in one terminate body
        }
        if (ending) {
            endWithTerminate();
            return;
        }
        if (!outgoing.isEmpty() && !held.isEmpty()) {
            List<String> batch = List.copyOf(outgoing);
            outgoing.clear();
            answer(held.pollFirst(), batch);
        }
        while (held.size() > terms.hold()) {
            answer(held.pollFirst(), List.of());
        }
    }

    private void answer(Held request, List<String> elements) {
        respond(request, BodyWriter.body(request.rid == firstRid ? creationAttributes() : Map.of(), elements));
    }

    private void respond(Held request, String body) {
        request.cancel.run();
        if (request.rid >= 0) {
            responses.put(request.rid, body);
            Iterator<Long> oldest = responses.keySet().iterator();
            while (responses.size() > terms.requests()) {
                oldest.next();
                oldest.remove();
            }
        }
        if (held.isEmpty()) {
            lastActive = nanoClock.getAsLong();
        }
        request.exchange.respond(body);
    }

    /** The terminate body goes to every waiting request, the stream's last words to the first; then the sid is forgotten. */
    private void endWithTerminate() {
        if (held.isEmpty() && ahead.isEmpty()) {
            return; // the next request carries it, or inactivity ends the session
        }
        List<String> last = discardOutgoing ? List.of() : List.copyOf(outgoing);
        outgoing.clear();
        List<Held> waiting = new ArrayList<>(held);
        waiting.addAll(ahead.values());
        held.clear();
        ahead.clear();
        ended = true;
        for (Held request : waiting) {
            respond(request, BodyWriter.terminate(terminateCondition, request == waiting.get(0) ? last : List.of()));
        }
        onEnd.accept(this);
    }

    private Map<String, String> creationAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sid", sid);
        attributes.put("wait", String.valueOf(terms.waitSeconds()));
        attributes.put("hold", String.valueOf(terms.hold()));
        attributes.put("requests", String.valueOf(terms.requests()));
        attributes.put("inactivity", String.valueOf(terms.inactivitySeconds()));
        attributes.put("polling", String.valueOf(terms.pollingSeconds()));
        attributes.put("ver", VERSION);
        attributes.put("from", from);
        attributes.put("authid", authId);
        attributes.put("xmpp:version", "1.0");
        attributes.put("xmpp:restartlogic", "true");
        return attributes;
    }

    // ---- to the client: StreamTransport -----------------------------------------------------------

    @Override
    public String name() {
        return "bosh";
    }

    @Override
    public boolean isSecure() {
        return peer.secure();
    }

    @Override
    public boolean isLoopback() {
        return peer.loopback();
    }

    @Override
    public String remoteAddress() {
        return peer.host() + ":" + peer.port();
    }

    @Override
    public String remoteHost() {
        return peer.host();
    }

    /** BOSH has no stream header: the creation response carries its id (authid) and from; a restart's is implicit. */
    @Override
    public void openStream(String streamFrom, String streamId, String streamVersion, String streamLang) {
        this.from = streamFrom;
        if (authId == null) {
            authId = streamId;
        }
    }

    @Override
    public synchronized void send(Element element) {
        if (ended || ending) {
            return; // nothing is sent after the end, and the stream's error precedes closeStream
        }
        if ("error".equals(element.getName()) && BodyWriter.STREAMS_NS.equals(element.getNamespaceURI())) {
            queuedStreamError = element.elements().stream().map(Element::getName)
                    .anyMatch("system-shutdown"::equals) ? "system-shutdown" : "remote-stream-error";
        }
        outgoing.add(BodyWriter.element(element));
        flush();
    }

    /** The stream ended: a terminate body, with the stream error if there was one. */
    @Override
    public synchronized void closeStream() {
        if (ended) {
            return;
        }
        if (!ending) {
            ending = true;
            terminateCondition = queuedStreamError;
        }
        flush();
    }

    @Override
    public String toString() {
        return "BOSH session " + sid + " from " + remoteAddress();
    }
}
