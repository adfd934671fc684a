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

    /** Writes the server's stream header, e.g. RFC 7395 {@code <open/>} or {@code <stream:stream>}. */
    void openStream(String from, String streamId, String version, String lang);

    /** Writes one complete element (a stanza or a nonza such as stream features). */
    void send(Element element);

    /** Writes the closing framing, e.g. RFC 7395 {@code <close/>}, then closes the connection. */
    void closeStream();
}
