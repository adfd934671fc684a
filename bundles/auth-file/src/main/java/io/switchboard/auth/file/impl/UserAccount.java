package io.switchboard.auth.file.impl;

import io.switchboard.credentials.UserCredentials;

/**
 * A users file entry's value: the credentials, preceded by the word {@code disabled} when the
 * account may not log in.
 */
record UserAccount(UserCredentials credentials, boolean disabled) {

    static final String DISABLED = "disabled";

    /** @throws IllegalArgumentException naming what is wrong with the text */
    static UserAccount decode(String value) {
        String text = value.strip();
        if (text.equals(DISABLED) || text.startsWith(DISABLED + " ") || text.startsWith(DISABLED + "\t")) {
            return new UserAccount(UserCredentials.decode(text.substring(DISABLED.length())), true);
        }
        return new UserAccount(UserCredentials.decode(text), false);
    }

    String encode() {
        return disabled ? DISABLED + " " + credentials.encode() : credentials.encode();
    }

    UserAccount withDisabled(boolean disabled) {
        return new UserAccount(credentials, disabled);
    }

    UserAccount withCredentials(UserCredentials credentials) {
        return new UserAccount(credentials, disabled);
    }
}
