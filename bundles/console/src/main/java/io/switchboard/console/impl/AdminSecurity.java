package io.switchboard.console.impl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.logins.LoginCheck;
import io.switchboard.api.logins.LoginGuard;
import io.switchboard.api.auth.AuthStoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who gets into the web console: HTTP Basic, the password checked by the authentication provider
 * (the users file, a database, a directory), and the user one of the configured administrators.
 * While this provider is registered the console uses nothing else (never its built-in admin/admin).
 */
@Component(service = SecurityProvider.class, configurationPid = ConsoleConfiguration.PID,
        property = SecurityProvider.PROPERTY_ID + "=" + AdminSecurity.ID)
@Designate(ocd = ConsoleConfiguration.class)
public class AdminSecurity implements SecurityProvider {

    static final String ID = "switchboard";
    private static final Logger LOG = LoggerFactory.getLogger(AdminSecurity.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuthProvider provider;
    private volatile Set<String> admins;
    /** The brute-force protection SASL uses too: failed console logins count with failed XMPP logins. */
    @Reference
    private LoginGuard guard;
    /**
     * Console logins waiting out a slow-down. The console's security SPI answers synchronously, so a
     * slowed login holds its HTTP thread for the delay (a few seconds at most); only this many at once,
     * so that an attack on an administrator's account cannot take the threads WebSocket and BOSH share.
     */
    private final Semaphore waiting = new Semaphore(MAX_WAITING);
    static final int MAX_WAITING = 4;

    @Activate
    public AdminSecurity(ConsoleConfiguration config) {
        modified(config);
    }

    @Modified
    void modified(ConsoleConfiguration config) {
        admins = Set.of(config.admins());
        if (admins.isEmpty()) {
            LOG.warn("{}: no admins configured, so no one can use the web console", ConsoleConfiguration.PID);
        }
    }

    Set<String> admins() {
        return admins;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        if (crossSiteChange(request)) {
            // a browser keeps Basic credentials: another site's page must not post to the console (CSRF)
            try {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "Changes come only from the console's own pages (Origin "
                        + request.getHeader("Origin") + ")");
            } catch (java.io.IOException e) {
                // the client went away
            }
            return null;
        }
        String address = request.getRemoteAddr();
        LoginCheck check = guard.check(address, null);
        if (check.isRefused()) {
            tooMany(response, check.retryAfterSeconds(), "Too many failed logins from your address; try again in "
                    + check.retryAfterSeconds() + " seconds");
            return null;
        }
        Login login = admin(request.getHeader("Authorization"), address);
        if (login.refused() != null) {
            tooMany(response, login.refused().retryAfterSeconds(), "Too many failed logins from your address; try again in "
                    + login.refused().retryAfterSeconds() + " seconds");
            return null;
        }
        if (!login.delay().isZero()) {
            if (!waiting.tryAcquire()) {
                long seconds = Math.max(1, (login.delay().toMillis() + 999) / 1000);
                tooMany(response, seconds, "Logins of this account are slowed down; try again in " + seconds + " seconds");
                return null;
            }
            try {
                Thread.sleep(login.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } finally {
                waiting.release();
            }
        }
        if (login.user() == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Switchboard console\", charset=\"UTF-8\"");
            try {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "An administrator's user name and password are needed");
            } catch (java.io.IOException e) {
                // the client went away
            }
        }
        return login.user();
    }

    private static void tooMany(HttpServletResponse response, long retryAfterSeconds, String message) {
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        try {
            response.sendError(429, message);
        } catch (java.io.IOException e) {
            // the client went away
        }
    }

    /**
     * What a console login came to: the administrator (or null), how long to hold the answer back,
     * or the ban that refused it.
     */
    record Login(String user, Duration delay, LoginCheck refused) {
        static final Login NOBODY = new Login(null, Duration.ZERO, null);
    }

    /** A request that changes something, sent by a browser from a page of another origin than the console's. */
    static boolean crossSiteChange(HttpServletRequest request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false; // not a browser's cross-site request (browsers send Origin with every cross-site POST)
        }
        String host = request.getHeader("Host");
        return host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    /** The administrator these Basic credentials prove from this address, or none. */
    Login admin(String authorization, String address) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Login.NOBODY;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Login.NOBODY;
        }
        int colon = decoded.indexOf(':');
        AuthProvider users = provider;
        if (colon <= 0 || users == null) {
            return Login.NOBODY;
        }
        String user = decoded.substring(0, colon);
        boolean admin = admins.contains(user);
        LoginCheck check = guard.check(address, admin ? user : null);
        if (check.isRefused()) {
            LOG.warn("Web console login of {} from {} refused: too many failed logins", user, address);
            return new Login(null, Duration.ZERO, check);
        }
        try {
            if (admin && users.authenticate(user, decoded.substring(colon + 1))) {
                guard.succeeded(address, user);
                return new Login(user, check.delay(), null);
            }
            guard.failed(address, admin ? user : null); // an administrator exists; another name counts for the address
            return new Login(null, check.delay(), null);
        } catch (AuthStoreUnavailableException e) {
            LOG.warn("Web console login of {}: the users store cannot be reached", user);
            return Login.NOBODY;
        }
    }

    @Override
    public boolean authorize(Object user, String role) {
        return true; // every administrator may do everything
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // HTTP Basic: nothing kept here
    }
}
