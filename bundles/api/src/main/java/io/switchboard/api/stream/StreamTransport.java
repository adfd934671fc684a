package io.switchboard.api.stream;

import org.dom4j.Element;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a transport offers the pipeline: writing in its own framing. Implementations must accept
 * calls from any thread, keep their order, and never block the caller on the network.
 */
@ConsumerType
public interface StreamTransport {

    /** A short name shown to operators, e.g. {@code websocket}. */
    String name();

    /** True when the connection is encrypted (TLS). */
    boolean isSecure();

    /** True when the peer connected over a loopback address (development, local tools). */
    default boolean isLoopback() {
        return false;
    }

    /** The peer's address, for logs and the session list. */
    String remoteAddress();

    /** The peer's IP address alone (no port), by which per-address limits count; {@link #remoteAddress()} by default. */
    default String remoteHost() {
        return remoteAddress();
    }

    /** Writes the server's stream header, e.g. RFC 7395 {@code <open/>} or {@code <stream:stream>}. */
    void openStream(String from, String streamId, String version, String lang);

    /** Writes one complete element (a stanza or a nonza such as stream features). */
    void send(Element element);

    /** Writes the closing framing, e.g. RFC 7395 {@code <close/>}, then closes the connection. */
    void closeStream();

    /** True when the client may upgrade this connection with STARTTLS (RFC 6120 5): plain TCP. */
    default boolean canStartTls() {
        return false;
    }

    /** True when the client must negotiate STARTTLS before anything else on this connection. */
    default boolean requiresStartTls() {
        return false;
    }

    /**
     * Called right after {@code <proceed/>} was sent: from the next byte on both directions speak
     * TLS, and the client then opens a new stream.
     */
    default void startTls() {
        throw new UnsupportedOperationException(name() + " cannot start TLS");
    }

    /**
     * A new stream begins over the same connection (after SASL success, RFC 6120 6.4.6): a transport
     * that parses one long document starts a fresh one with the next byte.
     */
    default void restartStream() {
    }

    /**
     * The client sends faster than it may: read nothing more from it for this long (what is already
     * read is still delivered). A transport that cannot pause ignores this; the pipeline then ends a
     * client that stays too fast.
     */
    default void pauseReading(java.time.Duration pause) {
    }
}
