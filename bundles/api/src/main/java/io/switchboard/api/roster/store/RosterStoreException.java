package io.switchboard.api.roster.store;

/** A {@link RosterStore} could not read or durably write a roster. */
public class RosterStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RosterStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
