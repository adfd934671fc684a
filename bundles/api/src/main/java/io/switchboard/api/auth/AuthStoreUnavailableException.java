package io.switchboard.api.auth;

/**
 * Thrown by an {@link AuthProvider} whose store cannot be asked now (a database or directory that is
 * down or too slow): the login fails for now ({@code temporary-auth-failure}), not as a wrong
 * password, so it counts as no failed attempt of the user's. The provider logs the cause.
 */
public class AuthStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuthStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
