package io.switchboard.api.session;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

/** A client's bound session: one authenticated stream with a full JID. */
@ProviderType
public interface ClientSession {

    /** The full JID the session is bound to. */
    JID address();

    /** The transport that carries it, e.g. {@code websocket}. */
    String transport();

    /** The peer's address as the transport sees it. */
    String remoteAddress();

    /** When the session was bound. */
    Instant since();

    /** The last presence the client broadcast, or {@code null} before its initial presence. */
    Presence presence();

    /** Records the client's latest broadcast presence (done by the presence handler). */
    void presence(Presence presence);

    /** True once the client sent available presence and until it sends unavailable. */
    default boolean isAvailable() {
        Presence presence = presence();
        return presence != null && presence.isAvailable();
    }

    /**
     * True while the session's connection is lost and the session waits for the client to resume it
     * (XEP-0198): it still counts as present, and what is sent to it is held back.
     */
    default boolean isDetached() {
        return false;
    }

    /** When the client last sent anything (a stanza, a ping answer, a whitespace frame). */
    Instant lastReceived();

    /** How the session ended, or {@code null} while it lasts. */
    SessionEnd end();

    /** Writes a stanza to the client. Never blocks. */
    void deliver(Packet packet);

    /** Ends the session with a stream error ({@code null} for a clean close). */
    void close(StreamError.Condition condition);

    /**
     * The cluster member the session is bound on, or {@code null} for a session of this server's
     * own: in a cluster the registry also holds the other members' sessions, and what is delivered
     * to one of those goes to its member.
     *
     * @since 1.2
     */
    default String member() {
        return null;
    }
}
