package io.switchboard.accounts.impl;

/** The active provider cannot write accounts (or there is none); the message names it for the client. */
final class ReadOnlyAccountsException extends Exception {

    private static final long serialVersionUID = 1L;

    ReadOnlyAccountsException(String message) {
        super(message);
    }
}
