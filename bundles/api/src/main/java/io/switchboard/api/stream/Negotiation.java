package io.switchboard.api.stream;

import org.dom4j.Element;
import org.osgi.annotation.versioning.ProviderType;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.session.ClientSession;

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

    /** The session this stream is bound to, or {@code null} before it is bound. */
    ClientSession session();

    /**
     * Writes {@code answer} (XEP-0198 {@code <enabled/>}) and from then on hands the bound session's
     * stanza accounting to stream management; no stanza is written between the two.
     *
     * @throws IllegalStateException if the stream is not bound, or is managed already
     */
    void manage(StreamManagement management, Element answer);

    /**
     * Stream resumption: moves this connection under an earlier session of the same user, which is
     * detached (its connection was lost) or still attached to a connection that is then closed.
     * From now on what arrives here goes to that session and what it sends comes here; this
     * stream ends without being a session of its own. {@code whileAttaching} runs once the
     * connection is the session's and before any other stanza is written to it, so that what it
     * sends (the answer, the stanzas to resend) comes first.
     *
     * @return false when the session cannot be resumed from this stream: it has ended, it belongs to
     *         another user or another server, or this stream is not authenticated and unbound
     */
    boolean resume(ClientSession session, Runnable whileAttaching);
}
