package io.switchboard.component.external.impl;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.Test;
import org.xmpp.packet.JID;

import io.switchboard.testing.Configurations;
import io.switchboard.testing.RecordingRouter;

public class ComponentAccountTest {

    private static final String SECRET = "sixteen or more characters";

    private static ComponentAccount account(String subdomain, String secret, String... publishNodes) {
        return new ComponentAccount(new RecordingRouter("example.com"), Configurations.of(ComponentAccountConfiguration.class,
                "subdomain", subdomain, "secret", secret, "publishNodes", publishNodes));
    }

    @Test
    public void theHandshakeIsTheHexSha1OfStreamIdAndSecret() throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(("3f2a" + SECRET).getBytes(StandardCharsets.UTF_8)));
        ComponentAccount acd = account("acd", SECRET);
        assertTrue(acd.verifies("3f2a", expected));
        assertTrue("hex in capitals too", acd.verifies("3f2a", expected.toUpperCase()));
        assertFalse("another stream's id", acd.verifies("3f2b", expected));
        assertFalse(acd.verifies("3f2a", ""));
        assertFalse(acd.verifies("3f2a", null));
    }

    @Test
    public void itMayPublishFromItsOwnDomainToItsNodesOnly() {
        ComponentAccount acd = account("acd", SECRET, "/finesse/api/User/");
        assertTrue(acd.mayPublish(new JID("acd.example.com"), "/finesse/api/User/agent1"));
        assertTrue(acd.mayPublish(new JID("feed@acd.example.com/1"), "/finesse/api/User/agent1"));
        assertFalse(acd.mayPublish(new JID("acd.example.com"), "/finesse/api/Team/1/Users"));
        assertFalse(acd.mayPublish(new JID("crm.example.com"), "/finesse/api/User/agent1"));
        assertTrue(account("acd", SECRET, "*").mayPublish(new JID("acd.example.com"), "/anything"));
        assertFalse(account("acd", SECRET).mayPublish(new JID("acd.example.com"), "/finesse/api/User/agent1"));
        ComponentAccount listed = account("acd", SECRET, "/finesse/api/User/, /finesse/api/SystemInfo");
        assertTrue("one comma-separated value", listed.mayPublish(new JID("acd.example.com"), "/finesse/api/SystemInfo"));
    }

    @Test
    public void aBadSubdomainOrAShortSecretIsRefusedNamingTheKey() {
        try {
            account("not a label", SECRET);
            fail("a subdomain with spaces was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("subdomain"));
        }
        try {
            account("acd", "short");
            fail("a short secret was accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("secret") && !e.getMessage().contains("short"));
        }
    }
}
