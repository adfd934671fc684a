package io.switchboard.api.cluster;

import java.util.Collection;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.xmpp.packet.JID;

import io.switchboard.api.session.ClientSession;

/**
 * The sessions bound on the other members of the cluster, which the core's session registry adds to
 * its own: a stanza delivered to one of them goes to its member, which hands it to the session.
 * Each has its {@link ClientSession#member()}. Answers from memory, never waits on the network.
 */
@ProviderType
public interface RemoteSessions {

    /** The session another member holds for this full JID, if any. */
    Optional<ClientSession> session(JID fullJid);

    /** The sessions other members hold for this user (the JID's resource is ignored). */
    Collection<ClientSession> sessions(JID user);

    /** Every session the other members hold. */
    Collection<ClientSession> all();
}
