package io.switchboard.transport.bosh.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.xmpp.packet.StreamError;

import io.switchboard.api.stream.StreamPipeline;
import io.switchboard.api.stream.StreamTransport;
import io.switchboard.api.stream.XmppStream;
import io.switchboard.transport.bosh.impl.RidWindow.Request;
import io.switchboard.transport.bosh.impl.RidWindow.Verdict;
import io.switchboard.transport.bosh.impl.SessionState.End;
import io.switchboard.transport.bosh.impl.SessionState.Phase;

/**
 * One BOSH session (XEP-0124, XEP-0206): the requests of one client, put in {@code rid} order,
 * feed one stream of the pipeline; what the pipeline sends waits for a held request. The requests
 * are in a {@link RidWindow}; where the session is in its life is one {@link SessionState}.
 * <p>
 * Two locks: {@code input} keeps the calls into the stream in {@code rid} order and one at a time;
 * {@code this} guards the session's state and is never held while calling the stream, since the
 * stream may route to another session on the same thread (which would then take that session's
 * lock: two sessions talking to each other would deadlock).
 * <p>Over 400 lines on purpose: what is left is XEP-0124's request and response rules, which all
 * read and change the one state under those two locks.
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

    private final String sid;
    private final Terms terms;
    private final Peer peer;
    private final StreamPipeline pipeline;
    private final Timers timers;
    private final LongSupplier nanoClock;
    private final Consumer<BoshSession> onEnd;
    private final Object input = new Object();

    private final RidWindow window;
    private final List<String> outgoing = new ArrayList<>();
    private long lastActive;
    private SessionState state = SessionState.OPEN;

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
        this.window = new RidWindow(terms.requests());
    }

    String sid() {
        return sid;
    }

    // ---- from the client ----------------------------------------------------------------------

    /** The session creation request: opens the stream; its response carries the session's terms and the features. */
    void start(Element body, long rid, Exchange exchange) {
        synchronized (input) {
            Request current = new Request(rid, body, exchange);
            synchronized (this) {
                to = body.attributeValue("to");
                version = body.attributeValue(QName.get("version", Namespace.get("xmpp", BodyParser.XBOSH)));
                lang = body.attributeValue(QName.get("lang", Namespace.XML_NAMESPACE));
                window.begin(rid);
                hold(current);
                state = state.feeding(true);
            }
            try {
                stream = pipeline.open(this);
                stream.opened(to, version, lang);
            } finally {
                doneFeeding();
            }
        }
    }

    /** A request of this session, in whatever order it arrived. */
    void request(Element body, long rid, Exchange exchange) {
        synchronized (input) {
            Request current = new Request(rid, body, exchange);
            boolean lost;
            synchronized (this) {
                lastActive = nanoClock.getAsLong();
                if (state.isEnded()) {
                    exchange.respond(BodyWriter.terminate("item-not-found", List.of()));
                    return;
                }
                if (state.phase() == Phase.ENDING) {
                    window.hold(current); // no wait: the terminate body answers it now
                    flush();
                    return;
                }
                Verdict verdict = window.classify(rid);
                if (verdict == Verdict.AHEAD) {
                    park(current);
                    return;
                }
                if (verdict == Verdict.SEEN && window.replay(current)) {
                    return;
                }
                lost = verdict != Verdict.NEXT; // seen but too old to answer again, or beyond the window
            }
            if (lost) {
                terminate(current, "item-not-found", null, null);
                return;
            }
            for (Request next = current; next != null; next = nextAhead()) {
                process(next);
            }
        }
    }

    /** The request that was waiting for the one just fed, unless the session is ending. */
    private synchronized Request nextAhead() {
        Request next = state.endUndecided() ? window.takeNextAhead() : null;
        if (next != null) {
            next.cancelTimer();
        }
        return next;
    }

    /** The request broke XMPP's rules (restricted XML, limits): the stream ends with this stream error. */
    void fail(Exchange exchange, StreamError.Condition condition, String text) {
        endStream(exchange == null ? null : new Request(Request.UNKNOWN_RID, null, exchange), "item-not-found", null,
                target -> target.failed(condition, text));
    }

    /**
     * Ends the session with a BOSH condition of its own (bad-request, policy-violation,
     * item-not-found): the stream fails with {@code streamCondition}, or is disconnected when it is
     * null, and what the pipeline sends on the way out is dropped.
     */
    void terminate(Exchange exchange, String condition, StreamError.Condition streamCondition, String text) {
        terminate(exchange == null ? null : new Request(Request.UNKNOWN_RID, null, exchange), condition,
                streamCondition, text);
    }

    private void terminate(Request current, String condition, StreamError.Condition streamCondition, String text) {
        endStream(current, condition, new End(condition, true), target -> {
            if (streamCondition == null) {
                target.disconnected();
            } else {
                target.failed(streamCondition, text);
            }
        });
    }

    /**
     * Ends the stream from this side; {@code current}, if any, waits for the terminate body.
     * {@code decided} is how the session ends whatever the stream does; when null, the stream's
     * error and close decide, and a stream that had ended already (so did neither) leaves
     * undefined-condition.
     */
    private void endStream(Request current, String conditionIfEnded, End decided, Consumer<XmppStream> tell) {
        synchronized (input) {
            synchronized (this) {
                if (state.isEnded()) {
                    if (current != null) {
                        current.respond(BodyWriter.terminate(conditionIfEnded, List.of()));
                    }
                    return;
                }
                if (decided != null && state.endUndecided()) {
                    state = state.ending(decided);
                }
                if (current != null) {
                    window.hold(current); // no wait of its own: the terminate body answers it
                }
                state = state.feeding(true);
            }
            try {
                XmppStream target = stream;
                if (target != null) {
                    tell.accept(target);
                }
            } finally {
                synchronized (this) {
                    if (state.endUndecided()) {
                        state = state.ending(new End("undefined-condition", false));
                    }
                }
                doneFeeding();
            }
        }
    }

    /** Ends the session if no request has been held for longer than the inactivity allowed. */
    void checkInactive() {
        synchronized (this) {
            if (state.isEnded() || !window.isEmpty()
                    || nanoClock.getAsLong() - lastActive <= Duration.ofSeconds(terms.inactivitySeconds()).toNanos()) {
                return;
            }
            state = SessionState.ENDED;
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
            if (!state.isEnded()) { // no request to carry it; the sid is forgotten with the transport
                state = SessionState.ENDED;
                onEnd.accept(this);
            }
        }
    }

    // ---- feeding the stream; answering held requests -----------------------------------------------

    private void process(Request current) {
        synchronized (this) {
            window.advance(current.rid);
            hold(current);
            state = state.feeding(true);
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
            doneFeeding();
        }
    }

    /** The stream returned: what it sent meanwhile can go out now. */
    private void doneFeeding() {
        synchronized (this) {
            state = state.feeding(false);
            flush();
        }
    }

    /** Holds a request until there is something to send or its wait is over. */
    private void hold(Request request) {
        window.hold(request);
        request.timer(timers.schedule(() -> expire(request), Duration.ofSeconds(terms.waitSeconds())));
    }

    private synchronized void expire(Request request) {
        if (window.release(request)) {
            answer(request, List.of());
            flush();
        }
    }

    /** A request ahead of one still missing waits for it, at most the wait; then the session is lost. */
    private void park(Request request) {
        window.park(request);
        request.timer(timers.schedule(() -> terminate((Request) null, "item-not-found", null, null),
                Duration.ofSeconds(terms.waitSeconds())));
    }

    /** Answers held requests: everything queued to the oldest, and the oldest beyond {@code hold} empty. */
    private void flush() {
        if (state.feeding() || state.isEnded() || state.phase() == Phase.FAILING) {
            return; // while failing, the stream's closeStream is due: error and close go in one terminate body
        }
        if (state.phase() == Phase.ENDING) {
            endWithTerminate();
            return;
        }
        if (!outgoing.isEmpty() && window.heldCount() > 0) {
            List<String> batch = List.copyOf(outgoing);
            outgoing.clear();
            answer(window.takeOldest(), batch);
        }
        while (window.heldCount() > terms.hold()) {
            answer(window.takeOldest(), List.of());
        }
    }

    private void answer(Request request, List<String> elements) {
        respond(request, BodyWriter.body(window.isFirst(request.rid)
                ? BodyWriter.creationAttributes(sid, terms, from, authId) : Map.of(), elements));
    }

    private void respond(Request request, String body) {
        if (window.heldCount() == 0) { // nothing held any more: inactivity counts from now
            lastActive = nanoClock.getAsLong();
        }
        window.answer(request, body);
    }

    /** The terminate body goes to every waiting request, the stream's last words to the first; then the sid is forgotten. */
    private void endWithTerminate() {
        if (window.isEmpty()) {
            return; // the next request carries it, or inactivity ends the session
        }
        End end = state.end();
        List<String> last = end.discardOutgoing() ? List.of() : List.copyOf(outgoing);
        outgoing.clear();
        List<Request> waiting = window.takeAll();
        state = SessionState.ENDED;
        for (Request request : waiting) {
            respond(request, BodyWriter.terminate(end.condition(), request == waiting.get(0) ? last : List.of()));
        }
        onEnd.accept(this);
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
        if (!state.endUndecided()) {
            return; // nothing is sent after the end, and the stream's error precedes closeStream
        }
        if ("error".equals(element.getName()) && BodyWriter.STREAMS_NS.equals(element.getNamespaceURI())) {
            String condition = element.elements().stream().map(Element::getName)
                    .anyMatch("system-shutdown"::equals) ? "system-shutdown" : "remote-stream-error";
            state = state.failing(new End(condition, false));
        }
        outgoing.add(BodyWriter.element(element));
        flush();
    }

    /** The stream ended: a terminate body, with the stream error if there was one. */
    @Override
    public synchronized void closeStream() {
        switch (state.phase()) {
            case OPEN -> state = state.ending(End.CLOSED);
            case FAILING -> state = state.ending(state.end());
            case ENDING -> { }
            case ENDED -> {
                return;
            }
        }
        flush();
    }

    @Override
    public String toString() {
        return "BOSH session " + sid + " from " + remoteAddress();
    }
}
