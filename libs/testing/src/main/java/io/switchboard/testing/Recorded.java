package io.switchboard.testing;

import java.util.List;

/** What the doubles share: taking the one thing recorded since the last look. */
final class Recorded {

    private Recorded() {
    }

    /** Removes and returns the only element of {@code recorded}; fails if there was not exactly one. */
    static <T> T takeOnly(List<T> recorded, String what) {
        if (recorded.size() != 1) {
            throw new AssertionError("expected exactly one " + what + ", got " + recorded);
        }
        return recorded.remove(0);
    }
}
