package io.switchboard.api.presence;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;
import org.xmpp.packet.JID;

/**
 * Told when the caps a session announced have been verified: at its initial presence, and again
 * each time it announces different ones. Called on the thread that verified them; do not block.
 */
@ConsumerType
public interface CapabilitiesListener {

    /**
     * The session's current caps verified: from now on {@link EntityCapabilities#features(JID)}
     * answers these features for it.
     */
    void verified(JID session, Set<String> features);
}
