package io.switchboard.shell.ssh.impl;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.auth.AuthStoreUnavailableException;
import io.switchboard.api.logins.LoginCheck;
import io.switchboard.api.logins.LoginGuard;

/**
 * Password logins: the user must be one of the configured administrators, and the password is
 * checked by the authentication provider in use (the users file keeps it salted). Failures count
 * with XMPP's and the web console's in the brute-force protection, and a banned address is refused.
 */
final class AdminPasswords implements PasswordAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(AdminPasswords.class);

    private final Set<String> admins;
    private final Supplier<AuthProvider> provider;
    private final LoginGuard guard;

    AdminPasswords(Collection<String> admins, Supplier<AuthProvider> provider, LoginGuard guard) {
        this.admins = Set.copyOf(admins);
        this.provider = provider;
        this.guard = guard;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        String address = address(session.getClientAddress());
        boolean admin = admins.contains(username);
        LoginCheck check = guard.check(address, admin ? username : null);
        if (check.isRefused()) {
            LOG.warn("SSH shell login of {} from {} refused: too many failed logins", username, address);
            return false;
        }
        AuthProvider users = provider.get();
        if (users == null) {
            LOG.warn("SSH shell login of {}: no authentication provider is running", username);
            return false;
        }
        try {
            if (admin && users.authenticate(username, password)) {
                guard.succeeded(address, username);
                LOG.info("SSH shell: {} logged in with a password from {}", username, address);
                return true;
            }
        } catch (AuthStoreUnavailableException e) {
            LOG.warn("SSH shell login of {}: the users store cannot be reached", username);
            return false;
        }
        guard.failed(address, admin ? username : null); // another name counts for the address only
        LOG.info("SSH shell: password login of {} from {} refused", username, address);
        return false;
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
