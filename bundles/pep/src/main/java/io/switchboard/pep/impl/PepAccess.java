package io.switchboard.pep.impl;

import java.util.function.Supplier;

import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.roster.Rosters;
import io.switchboard.api.routing.StanzaErrorException;

/**
 * Who may read a PEP node (XEP-0163 section 3, XEP-0060 4.5): its owner always; then as its access
 * model says: {@code open} anyone, {@code presence} the owner's contacts with a subscription from
 * the owner ({@code from} or {@code both}), {@code whitelist} nobody else.
 */
final class PepAccess {

    private final Supplier<Rosters> rosters;

    /** @param rosters the current roster service; without one only owners read presence nodes */
    PepAccess(Supplier<Rosters> rosters) {
        this.rosters = rosters;
    }

    boolean mayRead(JID requester, PepNode node) {
        if (requester.asBareJID().equals(node.owner())) {
            return true;
        }
        return switch (node.config().accessModel()) {
            case OPEN -> true;
            case PRESENCE -> seesOwner(requester, node.owner());
            case WHITELIST -> false;
        };
    }

    void checkRead(JID requester, PepNode node) throws StanzaErrorException {
        if (mayRead(requester, node)) {
            return;
        }
        if (node.config().accessModel() == PepConfig.AccessModel.PRESENCE) {
            throw PepErrors.of(PacketError.Condition.not_authorized, "presence-subscription-required",
                    "only contacts subscribed to the owner's presence");
        }
        throw PepErrors.of(PacketError.Condition.not_allowed, "closed-node", "only the owner");
    }

    /** True when the contact receives the owner's presence (the owner's roster says from or both). */
    boolean seesOwner(JID contact, JID owner) {
        Rosters current = rosters.get();
        return current != null && current.item(owner, contact).map(item -> item.subscription().contactSeesUser()).orElse(false);
    }
}
