package io.switchboard.health.impl;

import org.apache.felix.hc.api.Result;

/** One check's outcome as /health and the start-up report tell it: healthy when OK or WARN, as Felix's own servlet maps them to 200. */
record CheckResult(Result.Status status, String message) {

    boolean healthy() {
        return status == Result.Status.OK || status == Result.Status.WARN;
    }

    /** Two checks of one name: the worse status, both messages. */
    CheckResult and(CheckResult other) {
        return new CheckResult(status.compareTo(other.status) >= 0 ? status : other.status, message + "; " + other.message);
    }
}
