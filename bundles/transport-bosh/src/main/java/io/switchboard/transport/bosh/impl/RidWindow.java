package io.switchboard.transport.bosh.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dom4j.Element;

/**
 * The requests of one BOSH session by {@code rid} (XEP-0124 14.1, 14.3): those held for a
 * response, oldest first; those that came ahead of a missing rid; and the last responses, kept
 * so that a request sent again gets the same answer. It answers only repeats and requests it
 * gives up; what to answer, and when, is the session's. Not thread-safe: the session calls it
 * under its own lock.
 */
final class RidWindow {

    /** What a request's rid asks of the session. */
    enum Verdict {
        /** The rid after the last one: feed the request to the stream. */
        NEXT,
        /** Within the window, after a rid still missing: wait for that one. */
        AHEAD,
        /** A rid seen before: answer it again, if it is recent enough. */
        SEEN,
        /** Beyond the window: the client lost track of its rids. */
        OUTSIDE
    }

    /** A request waiting for its response: held, or ahead of a missing rid. */
    static final class Request {
        /** The rid of a request whose rid is not known (unreadable body, or none given): never replayed. */
        static final long UNKNOWN_RID = -1;

        final long rid;
        final Element body;
        private BoshSession.Exchange exchange;
        private Runnable cancelTimer = () -> { };

        Request(long rid, Element body, BoshSession.Exchange exchange) {
            this.rid = rid;
            this.body = body;
            this.exchange = exchange;
        }

        /** The timer that gives up waiting for this request; cancelled when it is answered. */
        void timer(Runnable cancel) {
            this.cancelTimer = cancel;
        }

        void cancelTimer() {
            cancelTimer.run();
        }

        void respond(String response) {
            cancelTimer.run();
            exchange.respond(response);
        }

        /** Its rid came again on a new connection: that one waits in its place, the old one is answered empty. */
        void takeOver(Request again) {
            BoshSession.Exchange given = exchange;
            exchange = again.exchange;
            given.respond(EMPTY);
        }
    }

    private static final String EMPTY = BodyWriter.body(Map.of(), List.of());

    private final int requests;
    private final ArrayDeque<Request> held = new ArrayDeque<>();
    private final TreeMap<Long, Request> ahead = new TreeMap<>();
    private final Map<Long, String> responses = new LinkedHashMap<>();
    private long firstRid;
    private long lastRid;

    /** {@code requests}: how many rids the client may be ahead, and how many responses are kept. */
    RidWindow(int requests) {
        this.requests = requests;
    }

    /** The session creation request's rid. */
    void begin(long rid) {
        firstRid = rid;
        lastRid = rid;
    }

    boolean isFirst(long rid) {
        return rid == firstRid;
    }

    Verdict classify(long rid) {
        if (rid <= lastRid) {
            return Verdict.SEEN;
        }
        if (rid > lastRid + requests) {
            return Verdict.OUTSIDE;
        }
        return rid > lastRid + 1 ? Verdict.AHEAD : Verdict.NEXT;
    }

    /** The request with this rid is being fed to the stream: the next one is expected after it. */
    void advance(long rid) {
        lastRid = rid;
    }

    /** Keeps a request ahead of a missing rid; one sent before with the same rid is answered empty. */
    void park(Request request) {
        Request previous = ahead.put(request.rid, request);
        if (previous != null) { // its connection is given up
            previous.respond(EMPTY);
        }
    }

    /** The request that was waiting for the one just fed, or null. */
    Request takeNextAhead() {
        return ahead.remove(lastRid + 1);
    }

    void hold(Request request) {
        held.addLast(request);
    }

    /** Stops holding a request; false if it was answered already. */
    boolean release(Request request) {
        return held.remove(request);
    }

    /** The oldest held request, no longer held; null if none. */
    Request takeOldest() {
        return held.pollFirst();
    }

    int heldCount() {
        return held.size();
    }

    /**
     * A rid seen before: the response sent for it again or, while it is still held, the new
     * connection takes the held one's place. False if it is too old for either.
     */
    boolean replay(Request again) {
        String response = responses.get(again.rid);
        if (response != null) {
            again.respond(response);
            return true;
        }
        for (Request waiting : held) {
            if (waiting.rid == again.rid) {
                waiting.takeOver(again);
                return true;
            }
        }
        return false;
    }

    /** No request held and none ahead: no connection of the client is open. */
    boolean isEmpty() {
        return held.isEmpty() && ahead.isEmpty();
    }

    /** Every request held, then every one ahead, in rid order; none is kept. */
    List<Request> takeAll() {
        List<Request> all = new ArrayList<>(held);
        all.addAll(ahead.values());
        held.clear();
        ahead.clear();
        return all;
    }

    /** Answers a request, and keeps the response to answer its rid again; only the last {@code requests} are kept. */
    void answer(Request request, String response) {
        if (request.rid >= 0) { // not UNKNOWN_RID, nor one that no client should send
            remember(request.rid, response);
        }
        request.respond(response);
    }

    private void remember(long rid, String response) {
        responses.put(rid, response);
        Iterator<Long> oldest = responses.keySet().iterator();
        while (responses.size() > requests) {
            oldest.next();
            oldest.remove();
        }
    }
}
