package io.switchboard.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One thing the server needs, checked on demand (a listener, the users store, the database). Any
 * bundle registers its checks as services; the health endpoint runs every one on each request, so
 * a check must answer quickly (a second or two at most) and never throw for a normal failure.
 */
@ConsumerType
public interface HealthCheck {

    /** The service property naming the check, e.g. {@code database}; the health endpoint reports by it. */
    String NAME = "switchboard.health.name";

    /** Runs the check now. */
    HealthResult check();
}
