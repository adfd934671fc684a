package io.switchboard.presence.impl;

import java.util.Set;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.RosterItem.Subscription;
import io.switchboard.api.routing.StanzaErrorException;

/**
 * The presence subscription handshake of RFC 6121 section 3 between two users of this server:
 * each stanza is processed first as outbound, on the sender's roster, then as inbound, on the
 * recipient's. Roster changes are stored before the stanza goes on, and pushed.
 */
final class SubscriptionHandshake {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionHandshake.class);

    private final RosterBook rosters;
    private final PresenceDelivery delivery;
    private final Predicate<JID> userExists;

    SubscriptionHandshake(RosterBook rosters, PresenceDelivery delivery, Predicate<JID> userExists) {
        this.rosters = rosters;
        this.delivery = delivery;
        this.userExists = userExists;
    }

    /** A subscription stanza a local user sent to another local user ({@code from} is stamped bare). */
    void outbound(Presence presence, JID user, JID contact) throws StanzaErrorException {
        switch (presence.getType()) {
            case subscribe -> {
                if (!userExists.test(contact)) {
                    // RFC 6121 8.5.1: nobody to ask; the answer is a refusal
                    delivery.deliver(reply(contact, user, Presence.Type.unsubscribed), user);
                    return;
                }
                rosters.change(user, contact, item -> item == null
                        ? new RosterItem(contact, null, Subscription.NONE, true, Set.of())
                        : item.subscription().userSeesContact() ? item : with(item, item.subscription(), true));
            }
            case subscribed -> {
                // 3.1.5: an approval counts only for a pending request (pre-approval is not offered)
                if (!rosters.roster(user).isPendingIn(contact)) {
                    return;
                }
                rosters.pendingIn(user, contact, false);
                rosters.change(user, contact, item -> item == null
                        ? new RosterItem(contact, null, Subscription.FROM, false, Set.of())
                        : with(item, Subscription.of(item.subscription().userSeesContact(), true), item.askOut()));
                inbound(presence, user, contact); // from the user, for the contact
                delivery.sendPresenceOf(user, contact);
                return;
            }
            case unsubscribe -> rosters.change(user, contact, SubscriptionHandshake::userStopsSeeingContact);
            case unsubscribed -> {
                rosters.pendingIn(user, contact, false);
                rosters.change(user, contact, SubscriptionHandshake::contactStopsSeeingUser);
                delivery.sendUnavailableOf(user, contact);
            }
            default -> throw new IllegalArgumentException(presence.getType() + " is no subscription stanza");
        }
        inbound(presence, user, contact); // from the user, for the contact
    }

    /** A subscription stanza from {@code contact} (a local user or a component) arriving for the local {@code user}. */
    void inbound(Presence presence, JID contact, JID user) throws StanzaErrorException {
        Presence stamped = presence.createCopy();
        stamped.setFrom(contact.asBareJID());
        switch (presence.getType()) {
            case subscribe -> {
                if (rosters.roster(user).item(contact).map(item -> item.subscription().contactSeesUser()).orElse(false)) {
                    inbound(reply(user, contact, Presence.Type.subscribed), user, contact); // 3.1.3: approved already
                    return;
                }
                rosters.pendingIn(user, contact, true); // delivered now, and again at the user's next initial presence
            }
            case subscribed -> {
                RosterBook.Change change = rosters.change(user, contact, item -> item == null || !item.askOut() ? item
                        : with(item, Subscription.of(true, item.subscription().contactSeesUser()), false));
                if (change == null) {
                    return; // 3.1.6: not asked for, or already known
                }
            }
            case unsubscribe -> {
                rosters.pendingIn(user, contact, false);
                rosters.change(user, contact, SubscriptionHandshake::contactStopsSeeingUser);
                delivery.sendUnavailableOf(user, contact); // 3.3.3: the contact no longer sees the user
            }
            case unsubscribed -> {
                RosterBook.Change change = rosters.change(user, contact, SubscriptionHandshake::userStopsSeeingContact);
                if (change == null) {
                    return; // 3.2.3: nothing to cancel
                }
            }
            default -> throw new IllegalArgumentException(presence.getType() + " is no subscription stanza");
        }
        LOG.debug("{} from {} to {}", presence.getType(), contact, user);
        delivery.deliver(stamped, user.asBareJID());
    }

    /** The item's owner no longer receives the contact's presence, nor asks to (the TO direction ends). */
    private static RosterItem userStopsSeeingContact(RosterItem item) {
        return item == null ? null : with(item, Subscription.of(false, item.subscription().contactSeesUser()), false);
    }

    /** The contact no longer receives the owner's presence (the FROM direction ends). */
    private static RosterItem contactStopsSeeingUser(RosterItem item) {
        return item == null ? null : with(item, Subscription.of(item.subscription().userSeesContact(), false), item.askOut());
    }

    private static RosterItem with(RosterItem item, Subscription subscription, boolean askOut) {
        return new RosterItem(item.contact(), item.name(), subscription, askOut, item.groups());
    }

    private static Presence reply(JID from, JID to, Presence.Type type) {
        Presence presence = new Presence(type);
        presence.setFrom(from.asBareJID());
        presence.setTo(to.asBareJID());
        return presence;
    }
}
