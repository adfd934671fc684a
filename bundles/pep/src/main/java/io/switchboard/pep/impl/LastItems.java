package io.switchboard.pep.impl;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.xmpp.packet.JID;

import io.switchboard.api.routing.Router;

/**
 * XEP-0163 section 4.3.2: a resource that starts to ask for a node's notifications ({@code
 * <node>+notify} in its verified caps, at its first presence or announced later) gets the node's
 * last item, from its own account and from the accounts whose presence it receives, where it may
 * read it. Publishes count the same verified caps, so an item published meanwhile reaches it
 * either way.
 */
final class LastItems {

    private static final String NOTIFY = "+notify";

    private final PepNodes nodes;
    private final PepAccess access;
    private final PepEvents events;
    private final Router router;
    /** The nodes each available resource asks notifications of, for those that ask any. */
    private final Map<JID, Set<String>> asked = new ConcurrentHashMap<>();

    LastItems(PepNodes nodes, PepAccess access, PepEvents events, Router router) {
        this.nodes = nodes;
        this.access = access;
        this.events = events;
        this.router = router;
    }

    /** The session's caps verified: it gets the last items of the nodes it did not ask for before. */
    void capsVerified(JID session, Set<String> features) {
        Set<String> wanted = new HashSet<>();
        for (String feature : features) {
            if (feature.endsWith(NOTIFY)) {
                wanted.add(feature.substring(0, feature.length() - NOTIFY.length()));
            }
        }
        Set<String> before = wanted.isEmpty() ? asked.remove(session) : asked.put(session, Set.copyOf(wanted));
        if (before != null) {
            wanted.removeAll(before);
        }
        if (!wanted.isEmpty()) {
            sendTo(session, wanted);
        }
    }

    void wentAway(JID session) {
        asked.remove(session);
    }

    private void sendTo(JID session, Set<String> nodeNames) {
        JID user = session.asBareJID();
        for (JID owner : nodes.owners()) {
            if (owner.equals(user) || access.seesOwner(user, owner)) {
                for (PepNode node : nodes.all(owner)) {
                    if (nodeNames.contains(node.name()) && node.config().sendsLastOnPresence() && access.mayRead(user, node)) {
                        node.latest(1).forEach(last -> router.route(events.item(node, last, session)));
                    }
                }
            }
        }
    }
}
