package io.switchboard.api.presence;

import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.xmpp.packet.JID;

/** What a client supports, from its XEP-0115 caps, verified against its own disco#info. */
@ProviderType
public interface EntityCapabilities {

    /**
     * The disco#info features of the session at this full JID, when its caps have been verified;
     * empty when it sent no caps, they are still being checked, or they did not verify.
     */
    Optional<Set<String>> features(JID session);
}
