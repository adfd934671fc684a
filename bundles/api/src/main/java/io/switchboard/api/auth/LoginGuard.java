package io.switchboard.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Failed logins in a row per account, shared by every way in (SASL over XMPP, HTTP Basic on the
 * REST resources and the web console), so that none is a way around another's lockout: after too
 * many failures the account is refused for a while, whatever the password.
 */
@ProviderType
public interface LoginGuard {

    /** True while the account is locked out: refuse the login without checking the password. */
    boolean isLocked(String user);

    /** A wrong password for an account that exists (count only those, so random names cost nothing). */
    void failed(String user);

    /** A successful login: the count starts again. */
    void succeeded(String user);
}
