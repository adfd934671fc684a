package io.switchboard.pep.impl;

import java.util.ArrayList;
import java.util.List;

import org.xmpp.packet.JID;

import io.switchboard.api.routing.Router;
import io.switchboard.api.session.ClientSession;

/**
 * XEP-0163 section 4.3.2: a resource that comes online gets the last item of each node it may
 * read and asks notifications of ({@code <node>+notify} in its caps), from its own account and
 * from the accounts whose presence it receives.
 */
final class LastItems {

    private final PepNodes nodes;
    private final PepAccess access;
    private final CapsFeatures caps;
    private final PepEvents events;
    private final Router router;

    LastItems(PepNodes nodes, PepAccess access, CapsFeatures caps, PepEvents events, Router router) {
        this.nodes = nodes;
        this.access = access;
        this.caps = caps;
        this.events = events;
        this.router = router;
    }

    void sendTo(ClientSession session) {
        JID user = session.address().asBareJID();
        List<PepNode> candidates = new ArrayList<>();
        for (JID owner : nodes.owners()) {
            if (owner.equals(user) || access.seesOwner(user, owner)) {
                nodes.all(owner).stream()
                        .filter(node -> node.config().sendsLastOnPresence() && access.mayRead(user, node) && !node.latest(1).isEmpty())
                        .forEach(candidates::add);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        caps.of(session).thenAccept(features -> {
            for (PepNode node : candidates) {
                List<PepNode.Item> last = node.latest(1);
                if (features.contains(Namespaces.notify(node.name())) && !last.isEmpty()) {
                    router.route(events.item(node, last.get(0), session.address()));
                }
            }
        });
    }
}
