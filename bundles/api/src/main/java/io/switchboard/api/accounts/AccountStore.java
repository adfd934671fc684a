package io.switchboard.api.accounts;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A store of accounts that can be written. An {@code AuthProvider} whose store can be written
 * implements this too, so whoever manages accounts (service administration, in-band registration)
 * asks the active provider, the highest-ranked one, whether it is an {@code AccountStore}; when it
 * is not, accounts cannot be managed through the server while it is active.
 *
 * <p>User names are local parts, already through nodeprep. A store that cannot be written now
 * throws {@link AccountStoreException}; none of these methods fails for an account that does or
 * does not exist: that is the boolean answer.
 */
@ConsumerType
public interface AccountStore {

    /** Creates the account with this password; false when an account of that name exists already. */
    boolean create(String username, String password);

    /** Deletes the account; false when there is none. Sessions already open are the caller's to end. */
    boolean delete(String username);

    /** Gives the account a new password; false when there is no such account. */
    boolean changePassword(String username, String password);

    /**
     * Disables the account (it can no longer log in, RFC 6120 6.5.1 {@code account-disabled}) or
     * enables it again; false when there is no such account. Sessions already open are the caller's
     * to end.
     */
    boolean setDisabled(String username, boolean disabled);

    /** True when the account exists and is disabled. */
    boolean isDisabled(String username);

    /** Every account's name, sorted. */
    List<String> list();
}
