package io.switchboard.api.pubsub;

/** A change could not be made durable: nothing was changed. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
