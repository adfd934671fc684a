package io.switchboard.api.roster;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.xmpp.packet.JID;

/** Read access to the users' stored rosters, provided by the presence bundle. */
@ProviderType
public interface Rosters {

    /**
     * The contact's item in the owner's roster.
     *
     * @param owner the roster's user (any resource is ignored)
     * @param contact the contact (any resource is ignored)
     * @return empty when the contact is not in the roster, or when the roster store cannot be read (logged)
     */
    Optional<RosterItem> item(JID owner, JID contact);
}
