package io.switchboard.api.session;

/** How a session ended. */
public enum SessionEnd {
    /** The client closed its stream. */
    CLOSED,
    /** The connection dropped without a close. */
    CONNECTION_LOST,
    /** The client stopped answering the server's pings ({@code connection-timeout}). */
    TIMED_OUT,
    /** A new login with the same full JID replaced it ({@code conflict}). */
    REPLACED,
    /** The server is stopping, or the transport or core that carried it ({@code system-shutdown}). */
    SHUTDOWN,
    /** Any other stream error (a protocol violation, a policy). */
    STREAM_ERROR
}
