package io.switchboard.sasl.impl;

import org.xmpp.packet.JID;

/** Identities in SASL messages, as every mechanism reads them. */
final class Authzid {

    private Authzid() {
    }

    /**
     * The JID local part an authentication identity names: "alice", or the whole bare JID
     * "alice@domain" that some clients send. Null when it is not a user of this domain.
     */
    static String username(String authcid, String domain) {
        String user = authcid;
        int at = authcid.indexOf('@');
        if (at >= 0) {
            if (!authcid.substring(at + 1).equalsIgnoreCase(domain)) {
                return null;
            }
            user = authcid.substring(0, at);
        }
        try {
            return JID.nodeprep(user);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** RFC 6120 6.3.8: the authorization identity is empty or the user's own bare JID. */
    static boolean allowed(String authzid, String username, String domain) {
        if (authzid == null || authzid.isEmpty()) {
            return true;
        }
        try {
            return new JID(authzid).equals(new JID(username, domain, null));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
