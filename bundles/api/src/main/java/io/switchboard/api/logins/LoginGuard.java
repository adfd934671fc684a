package io.switchboard.api.logins;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Brute-force protection shared by every way in (SASL over XMPP, HTTP Basic on the REST resources
 * and the web console), so that none is a way around another's limits. It throttles the address
 * that fails, not the account: an address that fails too often is refused for a while, while the
 * account itself is only slowed down, so that whoever knows the login ids cannot lock the owners out.
 * <p>Addresses are IP addresses as text ({@code 192.0.2.7}, {@code 2001:db8::1}), without a port.
 */
@ProviderType
public interface LoginGuard {

    /**
     * What to do with a login from this address, before its outcome is told to the client: refuse
     * it, or answer after {@link LoginCheck#delay()}. Ask with a {@code null} user before the user is
     * known (the address alone), and again once it is.
     */
    LoginCheck check(String address, String user);

    /**
     * A failed login from this address; {@code user} is the account it named if that account exists,
     * {@code null} otherwise (a name that does not exist counts against the address only).
     */
    void failed(String address, String user);

    /** A successful login: that address's failures for that account are forgotten. */
    void succeeded(String address, String user);

    /** The bans in force, soonest to end first. */
    List<LoginBan> bans();

    /** Lifts every ban of this address (for all accounts and for single ones); false if there was none. */
    boolean lift(String address);
}
