package io.switchboard.bench;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The client's books of XEP-0198 stream management: how many stanzas it handled (the h it
 * acknowledges and resumes with), which stanzas it sent that the server has not acknowledged (sent
 * again after a resumption), and the previd to resume with. Both counts go modulo 2^32 (XEP-0198 4).
 * The two directions begin apart, as the server counts them: the client's stanzas from its
 * {@code <enable/>}, the server's from its {@code <enabled/>}.
 * Not thread-safe: the {@link XmppClient} that owns it guards it.
 */
final class Acknowledgements {

    static final String NS = "urn:xmpp:sm:3";
    private static final long MODULUS = 1L << 32;

    private String previd;
    private boolean counting;
    private long handled;
    private long acknowledgedByServer;
    private final ArrayDeque<String> unacknowledged = new ArrayDeque<>();

    /**
     * The server answered {@code <enabled/>}: from here on, in stream order, what it sends counts.
     * (What the client sends counts from its {@code <enable/>} on, which is when these books begin.)
     *
     * @param id the previd to resume with, null when the server offered no resumption
     */
    void enabled(String id) {
        this.previd = id;
        this.counting = true;
    }

    String previd() {
        return previd;
    }

    /** A stanza (message, presence or IQ) from the server was handled; counted once enabled. */
    void handledOne() {
        if (counting) {
            handled = (handled + 1) % MODULUS;
        }
    }

    long handled() {
        return handled;
    }

    /** A stanza the client sent: kept until the server acknowledges it. */
    void sent(String stanza) {
        unacknowledged.addLast(stanza);
    }

    /**
     * The server handled the client's stanzas up to h ({@code <a h/>} or {@code <resumed h/>}).
     * False when h counts more than was sent: a server's error, which the caller reports.
     */
    boolean acknowledge(long h) {
        long newly = Math.floorMod(h - acknowledgedByServer, MODULUS);
        if (newly > unacknowledged.size()) {
            return false;
        }
        for (long i = 0; i < newly; i++) {
            unacknowledged.pollFirst();
        }
        acknowledgedByServer = h;
        return true;
    }

    /** What the client sent that the server has not acknowledged, oldest first. */
    List<String> unacknowledged() {
        return List.copyOf(unacknowledged);
    }
}
