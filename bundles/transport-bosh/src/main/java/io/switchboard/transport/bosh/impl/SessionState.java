package io.switchboard.transport.bosh.impl;

/**
 * Where a BOSH session is in its life, as one immutable value: its phase, how it ends once that
 * is known, and whether a request is being fed to the stream. The constructor refuses the
 * combinations that make no sense (an end without a phase that needs one, feeding after the end).
 *
 * @param phase   where the session is
 * @param end     how it ends: set in {@link Phase#FAILING} and {@link Phase#ENDING}, null otherwise
 * @param feeding a request is being fed to the stream: what the stream sends meanwhile waits,
 *                to go out in one response when the stream returns
 */
record SessionState(Phase phase, End end, boolean feeding) {

    enum Phase {
        /** Requests feed the stream; what it sends goes to held requests. */
        OPEN,
        /** The stream sent its error; its closeStream follows, and both go in one terminate body. */
        FAILING,
        /** The end is decided: the next response, to every waiting request, is the terminate body. */
        ENDING,
        /** The terminate body went out, or nobody was left to read it: the sid is forgotten. */
        ENDED
    }

    /**
     * How a session ends.
     *
     * @param condition       the terminate body's condition; null for a plain close
     * @param discardOutgoing the session, not the stream, ended it: what the stream sent on its
     *                        way out is dropped
     */
    record End(String condition, boolean discardOutgoing) {
        static final End CLOSED = new End(null, false);
    }

    static final SessionState OPEN = new SessionState(Phase.OPEN, null, false);
    static final SessionState ENDED = new SessionState(Phase.ENDED, null, false);

    SessionState {
        if ((end != null) != (phase == Phase.FAILING || phase == Phase.ENDING)) {
            throw new IllegalArgumentException(phase + " with end " + end);
        }
        if (feeding && phase == Phase.ENDED) {
            throw new IllegalArgumentException("feeding an ended session");
        }
    }

    SessionState feeding(boolean now) {
        return phase == Phase.ENDED ? this : new SessionState(phase, end, now);
    }

    /** The stream sent its error: the session will end so, once the stream closes. */
    SessionState failing(End how) {
        return new SessionState(Phase.FAILING, how, feeding);
    }

    SessionState ending(End how) {
        return new SessionState(Phase.ENDING, how, feeding);
    }

    /** Still open, or failing: how the session ends is not settled yet. */
    boolean endUndecided() {
        return phase == Phase.OPEN || phase == Phase.FAILING;
    }

    boolean isEnded() {
        return phase == Phase.ENDED;
    }
}
