package io.switchboard.presence.impl;

import java.util.function.Function;

import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionRegistry;

/** Hands presence to local users' sessions (RFC 6121 8.5), and tells what a user's resources broadcast. */
final class PresenceDelivery {

    private final SessionRegistry sessions;

    PresenceDelivery(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /**
     * To a full JID: that session, if it exists (a subscription stanza whose resource is gone goes
     * to the bare JID). To a bare JID: each available resource.
     */
    void deliver(Presence presence, JID to) {
        if (to.getResource() != null) {
            ClientSession session = sessions.session(to).orElse(null);
            if (session != null) {
                session.deliver(addressed(presence, to));
            } else if (isSubscription(presence)) {
                deliver(presence, to.asBareJID());
            }
            return;
        }
        for (ClientSession resource : sessions.sessions(to)) {
            if (resource.isAvailable()) {
                resource.deliver(addressed(presence, resource.address()));
            }
        }
    }

    /** Sends the current presence of each of the user's available resources to the contact. */
    void sendPresenceOf(JID user, JID contact) {
        sendFromEachResource(user, contact, resource -> resource.presence().createCopy());
    }

    /** Sends unavailable presence from each of the user's available resources to the contact. */
    void sendUnavailableOf(JID user, JID contact) {
        sendFromEachResource(user, contact, resource -> new Presence(Presence.Type.unavailable));
    }

    private void sendFromEachResource(JID user, JID contact, Function<ClientSession, Presence> presenceOf) {
        for (ClientSession resource : sessions.sessions(user)) {
            if (resource.isAvailable()) {
                Presence presence = presenceOf.apply(resource);
                presence.setFrom(resource.address());
                deliver(presence, contact);
            }
        }
    }

    static boolean isSubscription(Presence presence) {
        Presence.Type type = presence.getType();
        return type == Presence.Type.subscribe || type == Presence.Type.subscribed
                || type == Presence.Type.unsubscribe || type == Presence.Type.unsubscribed;
    }

    private static Presence addressed(Presence presence, JID to) {
        Presence copy = presence.createCopy();
        copy.setTo(to);
        return copy;
    }
}
