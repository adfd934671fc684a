package io.switchboard.accounts.impl;

import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.credentials.SaltedCredential;

/**
 * The rule for a password chosen over XMPP (XEP-0077 registration and change, XEP-0133 add and
 * change): it is prepared with SASLprep before it is hashed (RFC 5802 2.2), so one that SASLprep
 * prohibits could never be typed to log in; it is refused up front with the reason.
 */
final class NewPasswords {

    private NewPasswords() {
    }

    /** The password, or not-acceptable saying why it cannot be one. */
    static String check(String password) throws StanzaErrorException {
        if (password == null || password.isEmpty()) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, "a password is required");
        }
        if (!SaltedCredential.preparable(password)) {
            throw new StanzaErrorException(PacketError.Condition.not_acceptable, SaltedCredential.PROHIBITED);
        }
        return password;
    }
}
