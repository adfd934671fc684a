package io.switchboard.shell.ssh.impl;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.sshd.server.auth.AsyncAuthException;
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
 * with XMPP's and the web console's in the brute-force protection: a banned address is refused, and
 * the answer for an account under attack comes only after the guard's delay, without holding one of
 * SSHD's I/O threads meanwhile.
 */
final class AdminPasswords implements PasswordAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(AdminPasswords.class);

    private final Set<String> admins;
    private final Supplier<AuthProvider> provider;
    private final LoginGuard guard;
    private final ScheduledExecutorService timer;

    AdminPasswords(Collection<String> admins, Supplier<AuthProvider> provider, LoginGuard guard, ScheduledExecutorService timer) {
        this.admins = Set.copyOf(admins);
        this.provider = provider;
        this.guard = guard;
        this.timer = timer;
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
        boolean accepted = verify(username, password, address, admin);
        if (check.delay().isZero()) {
            return accepted;
        }
        // the same wait for success and failure, so that a quick answer does not give the password away
        AsyncAuthException answer = new AsyncAuthException();
        timer.schedule(() -> answer.setAuthed(accepted), check.delay().toMillis(), TimeUnit.MILLISECONDS);
        throw answer;
    }

    private boolean verify(String username, String password, String address, boolean admin) {
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
