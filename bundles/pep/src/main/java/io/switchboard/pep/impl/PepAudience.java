package io.switchboard.pep.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.xmpp.packet.JID;

import io.switchboard.api.presence.EntityCapabilities;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionRegistry;

/**
 * Who hears of a PEP node's changes (XEP-0163 section 4): the available resources of the owner and
 * of the contacts that may read the node and receive the owner's presence, each only if its
 * verified entity caps include {@code <node>+notify}.
 */
final class PepAudience {

    private final SessionRegistry sessions;
    private final Supplier<EntityCapabilities> caps;
    private final PepAccess access;

    PepAudience(SessionRegistry sessions, Supplier<EntityCapabilities> caps, PepAccess access) {
        this.sessions = sessions;
        this.caps = caps;
        this.access = access;
    }

    /** The full JIDs to notify of a change to the node. */
    List<JID> of(PepNode node) {
        Map<JID, Boolean> allowed = new HashMap<>(); // by bare JID: one roster look-up each
        List<JID> audience = new ArrayList<>();
        for (ClientSession session : sessions.all()) {
            JID user = session.address().asBareJID();
            if (session.isAvailable()
                    && allowed.computeIfAbsent(user, bare -> bare.equals(node.owner()) || readsAndSeesOwner(bare, node))
                    && wantsNotifications(features(session.address()), node.name())) {
                audience.add(session.address());
            }
        }
        return audience;
    }

    private boolean readsAndSeesOwner(JID contact, PepNode node) {
        return access.mayRead(contact, node) && access.seesOwner(contact, node.owner());
    }

    private Optional<Set<String>> features(JID session) {
        EntityCapabilities current = caps.get();
        return current == null ? Optional.empty() : current.features(session);
    }

    static boolean wantsNotifications(Optional<Set<String>> features, String node) {
        return features.map(known -> known.contains(Namespaces.notify(node))).orElse(false);
    }
}
