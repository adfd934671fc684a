package io.switchboard.api.roster;

import java.util.Set;

import org.xmpp.packet.JID;

/**
 * One contact in a user's roster.
 *
 * @param contact the contact's bare JID
 * @param name the name the user gave the contact, or null
 * @param subscription the presence subscription between the user and the contact
 * @param askOut true while the user's own subscription request to the contact is pending
 * @param groups the roster groups the contact is in
 */
public record RosterItem(JID contact, String name, Subscription subscription, boolean askOut, Set<String> groups) {

    /** RFC 6121 2.1.2.5: whose presence flows to whom. */
    public enum Subscription {
        /** neither sees the other's presence */
        NONE,
        /** the user sees the contact's presence */
        TO,
        /** the contact sees the user's presence */
        FROM,
        /** both see each other's presence */
        BOTH;

        /** The state in which each of the two directions is as given. */
        public static Subscription of(boolean userSeesContact, boolean contactSeesUser) {
            return userSeesContact ? (contactSeesUser ? BOTH : TO) : (contactSeesUser ? FROM : NONE);
        }

        /** True when the contact receives the user's presence. */
        public boolean contactSeesUser() {
            return this == FROM || this == BOTH;
        }

        /** True when the user receives the contact's presence. */
        public boolean userSeesContact() {
            return this == TO || this == BOTH;
        }
    }

    public RosterItem {
        groups = Set.copyOf(groups);
    }
}
