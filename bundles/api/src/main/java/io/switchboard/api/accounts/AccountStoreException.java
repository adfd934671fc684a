package io.switchboard.api.accounts;

/**
 * Thrown by an {@link AccountStore} that cannot be written now (a file that cannot be replaced, a
 * database that is down, a column the table lacks). The store logs the cause; the message says
 * what failed, for an administrator.
 */
public class AccountStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccountStoreException(String message) {
        super(message);
    }

    public AccountStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
