package io.switchboard.presence.impl;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.xmpp.packet.JID;

import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.store.RosterStore;
import io.switchboard.api.roster.store.RosterStoreException;

/** A roster store in memory, for the presence logic's unit tests; the JDBC store has its own tests on real databases. */
final class MemoryRosterStore implements RosterStore {

    final Map<JID, Map<JID, RosterItem>> items = new HashMap<>();
    final Map<JID, Long> versions = new HashMap<>();
    final Map<JID, Set<JID>> pending = new HashMap<>();
    /** Set to make every call fail, as a database that went away. */
    boolean failing;

    @Override
    public StoredRoster load(JID user) {
        check();
        return new StoredRoster(versions.getOrDefault(user, 0L), items.getOrDefault(user, Map.of()).values().stream().toList(),
                pending.getOrDefault(user, Set.of()));
    }

    @Override
    public void saveItem(JID user, RosterItem item, long version) {
        check();
        items.computeIfAbsent(user, u -> new LinkedHashMap<>()).put(item.contact(), item);
        versions.put(user, version);
    }

    @Override
    public void deleteItem(JID user, JID contact, long version) {
        check();
        items.getOrDefault(user, new HashMap<>()).remove(contact);
        versions.put(user, version);
    }

    @Override
    public void savePendingIn(JID user, JID contact, boolean isPending) {
        check();
        Set<JID> contacts = pending.computeIfAbsent(user, u -> new HashSet<>());
        if (isPending) {
            contacts.add(contact);
        } else {
            contacts.remove(contact);
        }
    }

    /** A RosterBook on this store, as DS wires it. */
    RosterBook book(io.switchboard.api.session.SessionRegistry sessions, RosterConfiguration config) {
        RosterBook book = new RosterBook(sessions, config);
        book.setStore(this);
        return book;
    }

    private void check() {
        if (failing) {
            throw new RosterStoreException("the test's store is down", null);
        }
    }
}
