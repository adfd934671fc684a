package io.switchboard.auth.token.impl;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.Test;

import io.switchboard.testing.Configurations;

public class TokenAuthProviderTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private final TokenAuthProvider provider = new TokenAuthProvider(config(SECRET), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    public void aFreshTokenLogsInItsUser() {
        assertTrue(provider.authenticate("agent1", provider.token("agent1", 60)));
    }

    @Test
    public void aTokenIsForItsOwnUserOnly() {
        assertFalse(provider.authenticate("agent2", provider.token("agent1", 60)));
    }

    @Test
    public void theUserNameComparesAsAJidLocalPart() {
        assertTrue(provider.authenticate("agent1", provider.token("Agent1", 60)));
    }

    @Test
    public void anExpiredTokenIsRefused() {
        String token = Token.issue(SECRET.getBytes(StandardCharsets.UTF_8), "agent1", NOW.minusSeconds(1));

        assertFalse(provider.authenticate("agent1", token));
    }

    @Test
    public void aTokenSignedWithAnotherSecretIsRefused() {
        String forged = Token.issue("another secret of thirty-two chars".getBytes(StandardCharsets.UTF_8), "agent1",
                NOW.plusSeconds(60));

        assertFalse(provider.authenticate("agent1", forged));
    }

    @Test
    public void aTamperedPayloadIsRefused() {
        String token = provider.token("agent1", 60);
        String[] parts = token.split("\\.");
        String otherPayload = provider.token("boss", 60).split("\\.")[1];

        assertFalse(provider.authenticate("boss", parts[0] + "." + otherPayload + "." + parts[2]));
    }

    @Test
    public void aPasswordThatIsNoTokenIsRefused() {
        assertFalse(provider.authenticate("agent1", "1234"));
        assertFalse(provider.authenticate("agent1", "v1.!!.!!"));
        assertFalse(provider.authenticate("agent1", "v2.a.b"));
    }

    @Test
    public void aShortSecretIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TokenAuthProvider(config("short")));

        assertTrue(e.getMessage(), e.getMessage().contains("io.switchboard.auth.token: 'secret'"));
    }

    private static TokenAuthConfiguration config(String secret) {
        return Configurations.of(TokenAuthConfiguration.class, "secret", secret);
    }
}
