package io.switchboard.console.impl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

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
import io.switchboard.api.auth.LoginGuard;
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
    /** The lockout SASL keeps: failed console logins count with failed XMPP logins. */
    @Reference
    private LoginGuard failures;

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
        String user = admin(request.getHeader("Authorization"));
        if (user == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Switchboard console\", charset=\"UTF-8\"");
            try {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "An administrator's user name and password are needed");
            } catch (java.io.IOException e) {
                // the client went away
            }
        }
        return user;
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

    /** The administrator these Basic credentials prove, or null. */
    String admin(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        AuthProvider users = provider;
        if (colon <= 0 || users == null || !admins.contains(decoded.substring(0, colon))) {
            return null;
        }
        String user = decoded.substring(0, colon);
        if (failures.isLocked(user)) {
            LOG.warn("Web console login of {} refused: too many failed logins", user);
            return null;
        }
        try {
            if (users.authenticate(user, decoded.substring(colon + 1))) {
                failures.succeeded(user);
                return user;
            }
            failures.failed(user); // an administrator, so a user that exists
            return null;
        } catch (AuthStoreUnavailableException e) {
            LOG.warn("Web console login of {}: the users store cannot be reached", user);
            return null;
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
