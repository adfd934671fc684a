package io.switchboard.api.roster.store;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;
import org.xmpp.packet.JID;

import io.switchboard.api.roster.RosterItem;

/**
 * Where users' rosters are kept across restarts and crashes. Each change returns once it is
 * durable, before the user is answered; one that cannot be made durable throws
 * {@link RosterStoreException} and the request it came from is refused. The highest-ranked store
 * is used; the presence bundle reads a user's roster once, when it is first needed.
 */
@ConsumerType
public interface RosterStore {

    /**
     * A user's roster.
     *
     * @param version the roster version (XEP-0237), raised by every change; 0 for a new roster
     * @param pendingIn contacts whose subscription requests the user has neither approved nor denied
     */
    record StoredRoster(long version, List<RosterItem> items, Set<JID> pendingIn) {
        public StoredRoster {
            items = List.copyOf(items);
            pendingIn = Set.copyOf(pendingIn);
        }
    }

    /** The user's roster; an empty one with version 0 when nothing is stored for the user. */
    StoredRoster load(JID user);

    /** Stores the item (replacing the contact's previous one) and the roster's new version. */
    void saveItem(JID user, RosterItem item, long version);

    /** Deletes the contact's item and stores the roster's new version. */
    void deleteItem(JID user, JID contact, long version);

    /** Records or forgets a contact's pending subscription request. */
    void savePendingIn(JID user, JID contact, boolean pending);
}
