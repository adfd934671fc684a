package io.switchboard.api.auth;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks user credentials against a store (a file, a database, a directory). Where several are
 * registered, the one with the highest {@code service.ranking} is used, for the next login.
 */
@ConsumerType
public interface AuthProvider {

    /** True when the password is right for this user (the local part of the JID). */
    boolean authenticate(String username, String password);

    /** True when the user exists in this provider's store. */
    boolean exists(String username);
}
