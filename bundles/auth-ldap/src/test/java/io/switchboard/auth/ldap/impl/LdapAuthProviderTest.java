package io.switchboard.auth.ldap.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.OperationType;

import io.switchboard.api.auth.AuthStoreUnavailableException;
import io.switchboard.testing.Configurations;

/** Against a real directory: UnboundID's in-memory server, listening on a free port of its own. */
public class LdapAuthProviderTest {

    private static final String BASE = "ou=people,dc=example,dc=com";

    private InMemoryDirectoryServer directory;
    private int port;
    private final List<LdapAuthProvider> providers = new ArrayList<>();

    @Before
    public void startDirectory() throws Exception {
        directory = directory(false);
        directory.startListening();
        port = directory.getListenPort();
    }

    /** dc=example,dc=com with alice, alfred and bob under ou=people, and a service account. */
    private InMemoryDirectoryServer directory(boolean searchNeedsBind) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.addAdditionalBindCredentials("cn=switchboard,dc=example,dc=com", "service-secret");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), port, null));
        if (searchNeedsBind) {
            config.setAuthenticationRequiredOperationTypes(OperationType.SEARCH);
        }
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
        server.add("dn: " + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
        person(server, "alice", "pencil");
        person(server, "alfred", "crayon");
        person(server, "bob", "marker");
        return server;
    }

    private static void person(InMemoryDirectoryServer server, String uid, String password) throws Exception {
        server.add("dn: uid=" + uid + "," + BASE, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid, "sn: " + uid,
                "userPassword: " + password);
    }

    @After
    public void stop() {
        providers.forEach(LdapAuthProvider::deactivate);
        directory.shutDown(true);
    }

    private LdapAuthProvider provider(Object... namesAndValues) {
        List<Object> all = new ArrayList<>(List.of("url", "ldap://127.0.0.1:" + port, "baseDn", BASE, "connectTimeoutSeconds", 2,
                "responseTimeoutSeconds", 2));
        all.addAll(List.of(namesAndValues));
        LdapAuthProvider provider = new LdapAuthProvider(Configurations.of(LdapAuthConfiguration.class, all.toArray()));
        providers.add(provider);
        return provider;
    }

    // ---- logins ---------------------------------------------------------------------------------

    @Test
    public void theUsersOwnPasswordBindsAndNoOtherDoes() {
        LdapAuthProvider provider = provider();

        assertTrue(provider.authenticate("alice", "pencil"));
        assertFalse(provider.authenticate("alice", "crayon"));
        assertFalse(provider.authenticate("alice", "marker"));
        assertTrue(provider.authenticate("bob", "marker"));
        assertFalse(provider.authenticate("carol", "pencil"));
    }

    @Test
    public void anEmptyPasswordIsRefusedThoughTheDirectoryWouldTakeItAsAnAnonymousBind() {
        assertFalse(provider().authenticate("alice", ""));
    }

    @Test
    public void existsSearchesTheDirectory() {
        LdapAuthProvider provider = provider();

        assertTrue(provider.exists("alice"));
        assertFalse(provider.exists("carol"));
    }

    @Test
    public void aUserNameIsOnlyEverAValueInTheFilter() throws Exception {
        LdapAuthProvider provider = provider();

        // unescaped, (uid=al*) would find alice alone, and her password would bind
        assertFalse(provider.authenticate("al*", "pencil"));
        assertFalse(provider.exists("al*"));
        assertFalse(provider.authenticate("alice)(uid=*", "pencil"));
        assertEquals("(uid=al\\2a\\29\\28)", provider.filterFor("al*)(").toString());
    }

    @Test
    public void aFilterMatchingSeveralEntriesLetsNoneIn() {
        LdapAuthProvider provider = provider("userFilter", "(|(uid={0})(uid=alfred))");

        assertFalse(provider.authenticate("alice", "pencil"));
        assertTrue(provider.authenticate("alfred", "crayon"));
    }

    @Test
    public void aServiceAccountSearchesWhereAnonymousMayNot() throws Exception {
        directory.shutDown(true);
        directory = directory(true);
        directory.startListening();

        assertThrows("anonymous searches are refused: the directory is unusable as configured", AuthStoreUnavailableException.class,
                () -> provider().authenticate("alice", "pencil"));
        LdapAuthProvider provider = provider("bindDn", "cn=switchboard,dc=example,dc=com", "bindPassword", "service-secret");
        assertTrue(provider.authenticate("alice", "pencil"));
        assertFalse(provider.authenticate("alice", "crayon"));
        // the user's bind was reverted: the next search still runs as the service account
        assertTrue(provider.authenticate("bob", "marker"));
        assertThrows(AuthStoreUnavailableException.class,
                () -> provider("bindDn", "cn=switchboard,dc=example,dc=com", "bindPassword", "wrong").exists("alice"));
    }

    // ---- outages --------------------------------------------------------------------------------

    @Test
    public void aDirectoryThatIsDownFailsLoginsForNowAndOneThatIsBackServesThemAgain() throws Exception {
        LdapAuthProvider provider = provider();
        assertTrue(provider.authenticate("alice", "pencil"));

        directory.shutDown(true);
        assertThrows(AuthStoreUnavailableException.class, () -> provider.authenticate("alice", "pencil"));
        assertThrows(AuthStoreUnavailableException.class, () -> provider.exists("alice"));

        directory = directory(false); // the same port
        directory.startListening();
        assertTrue(provider.authenticate("alice", "pencil"));
    }

    @Test
    public void aDirectoryThatAcceptsButNeverAnswersFailsWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) { // connects, never reads
            LdapAuthProvider provider = provider("url", "ldap://127.0.0.1:" + silent.getLocalPort(), "responseTimeoutSeconds", 1);

            long start = System.nanoTime();
            assertThrows(AuthStoreUnavailableException.class, () -> provider.authenticate("alice", "pencil"));
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            assertTrue("took " + seconds + " s", seconds < 8);
        }
    }

    @Test
    public void activationDoesNotNeedTheDirectoryUp() throws Exception {
        directory.shutDown(true);

        LdapAuthProvider provider = provider();
        directory = directory(false);
        directory.startListening();
        assertTrue(provider.authenticate("alice", "pencil"));
    }

    // ---- bad configuration ----------------------------------------------------------------------

    @Test
    public void badConfigurationIsRefusedNamingTheKey() {
        assertRefused("'url'", "url", "http://directory");
        assertRefused("'url'", "url", "ldap://[broken");
        assertRefused("'baseDn'", "baseDn", " ");
        assertRefused("'baseDn'", "baseDn", "not a dn");
        assertRefused("'userFilter'", "userFilter", "(uid=alice)");
        assertRefused("'userFilter'", "userFilter", "(uid={0}");
        assertRefused("'poolSize'", "poolSize", 0);
        assertRefused("'startTls'", "url", "ldaps://127.0.0.1:" + port, "startTls", true);
    }

    private void assertRefused(String key, Object... namesAndValues) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider(namesAndValues));
        assertTrue(e.getMessage(), e.getMessage().startsWith("io.switchboard.auth.ldap: " + key));
    }
}
