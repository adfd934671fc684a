package io.switchboard.api.auth;

import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks user credentials against a store (a file, a database, a directory). Where several are
 * registered, the one with the highest {@code service.ranking} is used, for the next login.
 *
 * <p>A store that cannot be asked (a database or directory that is down) is no wrong password:
 * its provider throws {@link AuthStoreUnavailableException}, and the login fails for now.
 */
@ConsumerType
public interface AuthProvider {

    /** True when the password is right for this user (the local part of the JID). */
    boolean authenticate(String username, String password);

    /** True when the user exists in this provider's store. */
    boolean exists(String username);

    /**
     * The user's stored SCRAM credential for this mechanism ({@link ScramCredential#SHA_1} or
     * {@link ScramCredential#SHA_256}), when the store keeps one; SCRAM is offered only with it.
     */
    default Optional<ScramCredential> scramCredential(String username, String mechanism) {
        return Optional.empty();
    }

    /** The SCRAM mechanisms this store keeps credentials for; SCRAM is offered only for these. */
    default Set<String> scramMechanisms() {
        return Set.of();
    }
}
