package io.switchboard.transport.bosh.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.switchboard.transport.bosh.impl.RidWindow.Request;
import io.switchboard.transport.bosh.impl.RidWindow.Verdict;

/** The rid books alone: which rid is next, who waits ahead, what is answered again. */
public class RidWindowTest {

    private static final String EMPTY = BodyWriter.body(Map.of(), List.of());

    /** A connection's response, as the client would read it. */
    private static final class Exchange implements BoshSession.Exchange {
        final List<String> bodies = new ArrayList<>();

        @Override
        public void respond(String body) {
            bodies.add(body);
        }
    }

    private final RidWindow window = new RidWindow(3);
    private final Map<Request, Exchange> connections = new HashMap<>();

    private Request request(long rid) {
        Exchange exchange = new Exchange();
        Request request = new Request(rid, null, exchange);
        connections.put(request, exchange);
        return request;
    }

    /** What the connection the request came on was answered. */
    private List<String> bodies(Request request) {
        return connections.get(request).bodies;
    }

    @Test
    public void theNextRidIsFedAndOnesWithinTheWindowWaitAhead() {
        window.begin(100);
        assertEquals(Verdict.SEEN, window.classify(99));
        assertEquals(Verdict.SEEN, window.classify(100));
        assertEquals(Verdict.NEXT, window.classify(101));
        assertEquals(Verdict.AHEAD, window.classify(102));
        assertEquals(Verdict.AHEAD, window.classify(103));
        assertEquals(Verdict.OUTSIDE, window.classify(104));

        window.advance(101);
        assertEquals(Verdict.SEEN, window.classify(101));
        assertEquals(Verdict.NEXT, window.classify(102));
        assertEquals(Verdict.OUTSIDE, window.classify(105));
    }

    @Test
    public void aRequestAheadIsTakenOnlyOnceItsPredecessorIsFed() {
        window.begin(100);
        Request later = request(102);
        window.park(later);
        assertNull("101 is still missing", window.takeNextAhead());
        assertFalse(window.isEmpty());

        window.advance(101);
        assertSame(later, window.takeNextAhead());
        assertNull(window.takeNextAhead());
        assertTrue(window.isEmpty());
    }

    @Test
    public void aRidParkedAgainGivesUpTheFirstConnection() {
        window.begin(100);
        Request first = request(102);
        boolean[] timerCancelled = {false};
        first.timer(() -> timerCancelled[0] = true);
        window.park(first);
        Request again = request(102);
        window.park(again);

        assertEquals(List.of(EMPTY), bodies(first));
        assertTrue(timerCancelled[0]);
        window.advance(101);
        assertSame(again, window.takeNextAhead());
    }

    @Test
    public void anAnsweredRidIsAnsweredAgainTheSame() {
        window.begin(100);
        window.advance(101);
        window.answer(request(101), "<body>first</body>");

        Request repeat = request(101);
        assertTrue(window.replay(repeat));
        assertEquals(List.of("<body>first</body>"), bodies(repeat));
    }

    @Test
    public void onlyTheLastResponsesAreKept() {
        window.begin(100);
        for (long rid = 100; rid <= 103; rid++) {
            window.advance(rid);
            window.answer(request(rid), "<body rid='" + rid + "'/>");
        }
        assertFalse("100 is too old", window.replay(request(100)));
        assertTrue(window.replay(request(101)));
        assertTrue(window.replay(request(103)));
    }

    @Test
    public void aRequestOfUnknownRidIsNeverReplayed() {
        window.begin(100);
        Request unknown = request(Request.UNKNOWN_RID);
        window.answer(unknown, "<body type='terminate'/>");
        assertEquals(List.of("<body type='terminate'/>"), bodies(unknown));
        assertFalse(window.replay(request(Request.UNKNOWN_RID)));
    }

    @Test
    public void aHeldRidSentAgainTakesTheHeldOnesPlace() {
        window.begin(100);
        window.advance(101);
        Request held = request(101);
        window.hold(held);
        Request again = request(101);

        assertTrue(window.replay(again));
        assertEquals("the first connection is answered empty", List.of(EMPTY), bodies(held));
        assertEquals(1, window.heldCount());
        window.answer(window.takeOldest(), "<body>late</body>");
        assertEquals("the new connection gets the answer", List.of("<body>late</body>"), bodies(again));
    }

    @Test
    public void heldRequestsGoOldestFirstAndAReleasedOneIsGone() {
        window.begin(100);
        Request first = request(101);
        Request second = request(102);
        window.hold(first);
        window.hold(second);
        assertTrue(window.release(first));
        assertFalse("released already", window.release(first));
        assertSame(second, window.takeOldest());
        assertNull(window.takeOldest());
    }

    @Test
    public void takeAllGivesTheHeldThenTheOnesAheadInRidOrder() {
        window.begin(100);
        Request held = request(101);
        Request farther = request(104);
        Request nearer = request(103);
        window.advance(101);
        window.hold(held);
        window.park(farther);
        window.park(nearer);

        assertEquals(List.of(held, nearer, farther), window.takeAll());
        assertTrue(window.isEmpty());
        assertEquals(0, window.heldCount());
    }

    @Test
    public void onlyTheCreationRidIsFirst() {
        window.begin(100);
        window.advance(101);
        assertTrue(window.isFirst(100));
        assertFalse(window.isFirst(101));
    }
}
