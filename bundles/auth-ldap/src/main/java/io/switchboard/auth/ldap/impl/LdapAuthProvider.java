package io.switchboard.auth.ldap.impl;

import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.auth.AuthStoreUnavailableException;

/**
 * Checks a password by binding to the directory as the user: a search (anonymous, or as the
 * configured service account) finds the user's entry by the user filter, then a bind with the
 * entry's DN and the password decides. A directory that cannot be reached fails logins for now
 * (an exception, see {@link AuthProvider}), logged once when it goes and once when it comes back;
 * every operation has a timeout, so no login waits on the directory for ever.
 */
@Component(configurationPid = LdapAuthProvider.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LdapAuthConfiguration.class)
public class LdapAuthProvider implements AuthProvider {

    static final String PID = "io.switchboard.auth.ldap";
    private static final Logger LOG = LoggerFactory.getLogger(LdapAuthProvider.class);
    /** What a bind with a wrong password, or as a locked or expired account, answers: the user's problem, not the directory's. */
    private static final Set<ResultCode> REFUSALS = Set.of(ResultCode.INVALID_CREDENTIALS,
            ResultCode.INAPPROPRIATE_AUTHENTICATION, ResultCode.UNWILLING_TO_PERFORM, ResultCode.INSUFFICIENT_ACCESS_RIGHTS);

    private final String url;
    private final DN baseDn;
    private final String userFilter;
    private final int responseTimeoutSeconds;
    /** The keys to look at when no connection can be made, and when a search fails, for the log. */
    private final String connectionKeys;
    private final String searchKeys;
    private final LDAPConnectionPool pool;
    private final AtomicBoolean failing = new AtomicBoolean();

    /** @throws IllegalArgumentException naming the key whose value cannot work */
    @Activate
    public LdapAuthProvider(LdapAuthConfiguration config) {
        this.url = config.url() == null ? "" : config.url().trim();
        LDAPURL ldapUrl = parseUrl(url);
        this.baseDn = parseBaseDn(config.baseDn());
        this.userFilter = checkFilter(config.userFilter());
        this.responseTimeoutSeconds = positive("responseTimeoutSeconds", config.responseTimeoutSeconds());
        int connectTimeoutSeconds = positive("connectTimeoutSeconds", config.connectTimeoutSeconds());
        int poolSize = positive("poolSize", config.poolSize());
        boolean ldaps = "ldaps".equalsIgnoreCase(ldapUrl.getScheme());
        if (ldaps && config.startTls()) {
            throw new IllegalArgumentException(PID + ": 'startTls' goes with ldap://, not with ldaps:// (already TLS)");
        }
        this.connectionKeys = ldaps ? "'url', 'trustStore', 'bindDn', 'bindPassword'"
                : config.startTls() ? "'url', 'startTls', 'trustStore', 'bindDn', 'bindPassword'" : "'url', 'bindDn', 'bindPassword'";
        // a directory that refuses StartTLS answers it with an error result, which the search reports
        this.searchKeys = config.startTls() ? "'baseDn', 'bindDn', 'bindPassword', 'startTls'" : "'baseDn', 'bindDn', 'bindPassword'";

        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(connectTimeoutSeconds * 1000);
        options.setResponseTimeoutMillis(responseTimeoutSeconds * 1000L);
        options.setAbandonOnTimeout(true);
        SocketFactory sockets = null;
        PostConnectProcessor startTls = null;
        if (ldaps || config.startTls()) {
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            SSLUtil ssl = new SSLUtil(trustManager(config.trustStore(), config.trustStorePassword()));
            try {
                if (ldaps) {
                    sockets = ssl.createSSLSocketFactory();
                } else {
                    startTls = new StartTLSPostConnectProcessor(ssl.createSSLSocketFactory());
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(PID + ": no TLS with 'trustStore' " + config.trustStore() + ": " + e.getMessage(), e);
            }
        }
        SingleServerSet server = new SingleServerSet(ldapUrl.getHost(), ldapUrl.getPort(), sockets, options);
        String bindDn = config.bindDn() == null ? "" : config.bindDn().trim();
        BindRequest searchBind = bindDn.isEmpty() ? null : new SimpleBindRequest(bindDn, config.bindPassword());
        try {
            // does not fail when the directory is down now: connections are made again as needed
            pool = new LDAPConnectionPool(server, searchBind, 1, poolSize, 1, startTls, false);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(PID + ": cannot use 'url' " + url + ": " + e.getMessage(), e);
        }
        pool.setConnectionPoolName(PID);
        pool.setMaxWaitTimeMillis(responseTimeoutSeconds * 1000L);
        pool.setRetryFailedOperationsDueToInvalidConnections(EnumSet.allOf(OperationType.class));
        if (pool.getCurrentAvailableConnections() == 0) {
            LOG.warn("{}: cannot connect to {} now (keys {}); trying again at each login", PID, url, connectionKeys);
        }
        LOG.info("{}: users under {} matching {} at {}{}", PID, baseDn, userFilter, url, config.startTls() ? " with StartTLS" : "");
    }

    @Deactivate
    void deactivate() {
        pool.close();
    }

    // ---- AuthProvider -------------------------------------------------------------------------

    @Override
    public boolean authenticate(String username, String password) {
        if (password == null || password.isEmpty()) {
            return false; // an empty password would be an unauthenticated bind, which succeeds (RFC 4513 5.1.2)
        }
        String dn = find(username);
        if (dn == null) {
            return false;
        }
        try {
            pool.bindAndRevertAuthentication(dn, password);
            available();
            return true;
        } catch (LDAPException e) {
            if (REFUSALS.contains(e.getResultCode())) {
                available();
                return false;
            }
            throw unavailable("the bind as " + username + "'s entry failed", e);
        }
    }

    @Override
    public boolean exists(String username) {
        return find(username) != null;
    }

    /** The DN of the user's entry, or null when there is none or more than one. */
    private String find(String username) {
        SearchRequest search;
        try {
            search = new SearchRequest(baseDn.toString(), SearchScope.SUB, filterFor(username), SearchRequest.NO_ATTRIBUTES);
        } catch (LDAPException e) {
            return null; // cannot happen with an escaped value in a filter checked at activation
        }
        search.setSizeLimit(2);
        search.setTimeLimitSeconds(responseTimeoutSeconds);
        SearchResult result;
        try {
            result = pool.search(search);
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                LOG.warn("{}: more than one entry matches {} for user {}: none is used (key 'userFilter')", PID, userFilter, username);
                available();
                return null;
            }
            // no connection (refused, TLS handshake or certificate refused, timeout) or one that answers with an error
            throw unavailable(ResultCode.isConnectionUsable(e.getResultCode())
                    ? "the search for " + username + " failed (keys " + searchKeys + ")"
                    : "no connection (keys " + connectionKeys + ")", e);
        }
        available();
        if (result.getEntryCount() > 1) {
            LOG.warn("{}: more than one entry matches {} for user {}: none is used (key 'userFilter')", PID, userFilter, username);
            return null;
        }
        return result.getEntryCount() == 1 ? result.getSearchEntries().get(0).getDN() : null;
    }

    /** The user filter with the user name in place of {0}, escaped so that it is only ever a value. */
    Filter filterFor(String username) throws LDAPException {
        return Filter.create(userFilter.replace("{0}", Filter.encodeValue(username)));
    }

    private void available() {
        if (failing.compareAndSet(true, false)) {
            LOG.info("{}: the directory at {} answers again", PID, url);
        }
    }

    private AuthStoreUnavailableException unavailable(String what, LDAPException e) {
        if (failing.compareAndSet(false, true)) {
            LOG.warn("{}: the directory at {} cannot be used; logins fail with temporary-auth-failure until it can: {}: {}",
                    PID, url, what, e.getExceptionMessage());
        } else {
            LOG.debug("{}: the directory is still unavailable: {}", PID, e.getExceptionMessage());
        }
        return new AuthStoreUnavailableException(PID + ": the directory is unavailable", e);
    }

    // ---- configuration ------------------------------------------------------------------------

    private static LDAPURL parseUrl(String url) {
        try {
            LDAPURL parsed = new LDAPURL(url);
            if (!"ldap".equalsIgnoreCase(parsed.getScheme()) && !"ldaps".equalsIgnoreCase(parsed.getScheme())) {
                throw new LDAPException(ResultCode.PARAM_ERROR, "the scheme must be ldap or ldaps");
            }
            return parsed;
        } catch (LDAPException e) {
            throw new IllegalArgumentException(PID + ": 'url' = '" + url + "' is no LDAP URL: " + e.getExceptionMessage(), e);
        }
    }

    private static DN parseBaseDn(String baseDn) {
        if (baseDn == null || baseDn.isBlank()) {
            throw new IllegalArgumentException(PID + ": 'baseDn' must be set, e.g. ou=people,dc=example,dc=com");
        }
        try {
            return new DN(baseDn.trim());
        } catch (LDAPException e) {
            throw new IllegalArgumentException(PID + ": 'baseDn' = '" + baseDn + "' is no DN: " + e.getExceptionMessage(), e);
        }
    }

    private static String checkFilter(String filter) {
        if (filter == null || !filter.contains("{0}")) {
            throw new IllegalArgumentException(PID + ": 'userFilter' = '" + filter + "' must contain {0}, the user name");
        }
        try {
            Filter.create(filter.replace("{0}", "x"));
        } catch (LDAPException e) {
            throw new IllegalArgumentException(PID + ": 'userFilter' = '" + filter + "' is no LDAP filter: " + e.getExceptionMessage(), e);
        }
        return filter.trim();
    }

    private static int positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(PID + ": '" + key + "' must be at least 1, not " + value);
        }
        return value;
    }

    private static TrustManager trustManager(String trustStore, String password) {
        if (trustStore == null || trustStore.isBlank()) {
            return JVMDefaultTrustManager.getInstance();
        }
        return new TrustStoreTrustManager(trustStore.trim(), password == null || password.isEmpty() ? null : password.toCharArray(),
                null, true);
    }
}
