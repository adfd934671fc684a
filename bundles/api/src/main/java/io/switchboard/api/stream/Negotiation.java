package io.switchboard.api.stream;

import org.dom4j.Element;
import org.osgi.annotation.versioning.ProviderType;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

/**
 * A stream as a {@link StreamFeature} sees it while it negotiates. Features are stateless; what
 * they must remember between steps (a SASL exchange) lives in this stream's attributes.
 */
@ProviderType
public interface Negotiation {

    /** The server's domain. */
    String domain();

    String streamId();

    /** True when the connection is encrypted. */
    boolean isSecure();

    /** True when the client connected over a loopback address. */
    boolean isLoopback();

    /** The transport's name, e.g. {@code websocket}. */
    String transport();

    String remoteAddress();

    /** The peer's IP address alone, without a port: what per-address limits count by. */
    default String remoteHost() {
        return remoteAddress();
    }

    /** The authenticated user name (local part), or {@code null} before SASL success. */
    String username();

    Object attribute(String key);

    void attribute(String key, Object value);

    /** Writes an element to the client. */
    void send(Element element);

    /** Marks the stream authenticated as this user; the client must restart the stream next. */
    void authenticated(String username);

    /** Binds the stream to this full JID and makes it a session that can send and receive stanzas. */
    void bind(JID fullJid);

    /** Ends the stream with a stream error. */
    void fail(StreamError.Condition condition, String text);
}
