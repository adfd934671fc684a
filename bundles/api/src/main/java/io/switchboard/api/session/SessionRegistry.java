package io.switchboard.api.session;

import java.util.Collection;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.xmpp.packet.JID;

/** The bound client sessions of this server. */
@ProviderType
public interface SessionRegistry {

    /** The session bound to this full JID, if any. */
    Optional<ClientSession> session(JID fullJid);

    /** Every session of the user named by this JID (its resource is ignored). */
    Collection<ClientSession> sessions(JID user);

    /** Every bound session. */
    Collection<ClientSession> all();
}
