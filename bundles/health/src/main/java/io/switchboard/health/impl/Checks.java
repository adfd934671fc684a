package io.switchboard.health.impl;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;

/**
 * What Switchboard's own Felix health checks share: their tag, and results made in one line. The
 * checks are immediate components: Felix's executor gets and releases a check on every run, and a
 * delayed one would be built and torn down each time (every 500 ms while the start-up report waits).
 */
final class Checks {

    /**
     * The tag of every check GET /health runs (see HealthConfiguration#tags); "default" too, so
     * that the Felix Web Console's Health Check page shows them when no tag is asked for.
     */
    static final String TAG = "switchboard";
    static final String TAGS = HealthCheck.TAGS + "=" + TAG;
    static final String DEFAULT_TAG = HealthCheck.TAGS + "=default";

    private Checks() {
    }

    static Result ok(String message) {
        return new Result(Result.Status.OK, message);
    }

    static Result critical(String message) {
        return new Result(Result.Status.CRITICAL, message);
    }
}
