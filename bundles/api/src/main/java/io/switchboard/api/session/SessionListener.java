package io.switchboard.api.session;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when sessions are bound and when they end, for any reason (close, error, timeout,
 * conflict). Called on the thread that bound or ended the session; do not block.
 */
@ConsumerType
public interface SessionListener {

    default void sessionBound(ClientSession session) {
    }

    default void sessionEnded(ClientSession session) {
    }
}
