package io.switchboard.api.events;

import org.osgi.annotation.versioning.ConsumerType;

import io.switchboard.api.directory.ContactCentreDirectory;

/**
 * Something that feeds the server contact-centre events: an ACD, a CRM, an HTTP feed, a simulator.
 * Register it as a service while it runs, so operators see it ({@code switchboard:sources}); it
 * publishes through an {@link EventSink} named after it. A source that knows who supervises which
 * team also registers its {@link #directory()} as a {@link ContactCentreDirectory} service, which
 * the server's node access policy asks.
 */
@ConsumerType
public interface EventSource {

    /** The source's name, unique among the sources of a server (an instance name for factory configurations). */
    String name();

    /** Whether it is feeding events now. */
    State state();

    /** What it knows of the contact centre's people; by default nothing. */
    default ContactCentreDirectory directory() {
        return userId -> java.util.Set.of();
    }

    /** A source's condition, as operators see it. */
    enum State {
        /** Connecting to its system, or waiting for its first input. */
        STARTING,
        /** Feeding events. */
        RUNNING,
        /** Running, but its system cannot be reached or its input is bad; it keeps trying. */
        FAILING,
        /**
         * Runs on another member of the cluster, not on this one: a source that must run once per
         * centre (a simulator, an ACD connector) and takes over here when that member leaves.
         */
        STANDBY,
        /** Stopped; it publishes nothing. */
        STOPPED
    }
}
