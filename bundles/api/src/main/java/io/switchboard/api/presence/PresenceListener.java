package io.switchboard.api.presence;

import org.osgi.annotation.versioning.ConsumerType;

import io.switchboard.api.session.ClientSession;

/**
 * Told when a user's resources become available and go away, for example by an event source that
 * logs out an agent whose desktop has gone. Called on the thread that handled the presence or
 * ended the session; do not block.
 */
@ConsumerType
public interface PresenceListener {

    /**
     * The session sent its initial presence.
     *
     * @param first true when no other resource of the user was available
     */
    default void available(ClientSession session, boolean first) {
    }

    /**
     * The session, already available, sent another available presence: a new status, or new
     * caps (a client that starts to ask for PEP notifications announces them so).
     */
    default void changed(ClientSession session) {
    }

    /**
     * The session is no longer available: it sent unavailable presence while connected
     * ({@link ClientSession#end()} is null), or it ended ({@code end()} says how).
     *
     * @param last true when no resource of the user remains available
     */
    default void unavailable(ClientSession session, boolean last) {
    }
}
