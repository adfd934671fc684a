package io.switchboard.jdbc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class JdbcSettingsTest {

    private static String redacted(String url) {
        return new JdbcSettings("test.pid", url, "", "").redactedUrl();
    }

    @Test
    public void urlOptionsThatMayCarryPasswordsAreNotLogged() {
        assertEquals("jdbc:postgresql://db/xmpp…", redacted("jdbc:postgresql://db/xmpp?user=sb&password=secret"));
        assertEquals("jdbc:h2:./data/users…", redacted("jdbc:h2:./data/users;PASSWORD=secret"));
        assertEquals("jdbc:h2:./data/users", redacted("jdbc:h2:./data/users"));
    }

    @Test
    public void anEmptyUrlIsRefusedNamingTheConfigurationAndTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JdbcSettings("test.pid", " ", "", ""));
        assertEquals("test.pid: 'url' must not be empty", e.getMessage());
    }

    @Test
    public void theirTextNamesNeitherThePasswordNorTheUrlsOptions() {
        String text = new JdbcSettings("test.pid", "jdbc:postgresql://db/xmpp?password=secret", "sb", "hidden").toString();
        assertTrue(text, text.contains("jdbc:postgresql://db/xmpp"));
        assertFalse(text, text.contains("secret") || text.contains("hidden"));
    }
}
