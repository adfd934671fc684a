package io.switchboard.bench;

import java.util.BitSet;

/**
 * One node's items by sequence number, 0, 1, 2, …: those whose publication the server confirmed,
 * and those a subscriber received. Lost is confirmed but never received; duplicated is received
 * more than once; out of order is received after a later one. Thread-safe: the publisher's answers
 * and the subscriber's reader record into it at once.
 */
final class SequenceLedger {

    private final BitSet confirmed = new BitSet();
    private final BitSet received = new BitSet();
    private long duplicated;
    private long outOfOrder;
    private int highest = -1;

    /** The server answered the publication of item seq with a result. */
    synchronized void confirmed(int seq) {
        confirmed.set(seq);
    }

    /** The subscriber received item seq: true the first time. */
    synchronized boolean received(int seq) {
        if (received.get(seq)) {
            duplicated++;
            return false;
        }
        received.set(seq);
        if (seq < highest) {
            outOfOrder++;
        }
        highest = Math.max(highest, seq);
        return true;
    }

    synchronized int confirmedCount() {
        return confirmed.cardinality();
    }

    /** Items received, each once. */
    synchronized int deliveredCount() {
        return received.cardinality();
    }

    /** Confirmed items not received. */
    synchronized int lost() {
        BitSet missing = (BitSet) confirmed.clone();
        missing.andNot(received);
        return missing.cardinality();
    }

    synchronized boolean complete() {
        return lost() == 0;
    }

    synchronized long duplicated() {
        return duplicated;
    }

    synchronized long outOfOrder() {
        return outOfOrder;
    }
}
