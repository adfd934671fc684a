package io.switchboard.shell.ssh.impl;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys administrators log in with, from the configuration's {@code authorizedKeys}
 * entries ({@code name: <authorized_keys line>}). An entry that cannot be read is logged once,
 * naming the key, and left out; the others still work.
 */
final class AuthorizedKeys implements PublickeyAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizedKeys.class);

    private record Entry(String user, PublicKey key) {
    }

    private final List<Entry> entries;

    private AuthorizedKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static AuthorizedKeys parse(String[] lines) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            String where = SshShellConfiguration.PID + " authorizedKeys[" + i + "]";
            if (colon <= 0) {
                LOG.error("{}: expected 'name: <authorized_keys line>', ignored", where);
                continue;
            }
            try {
                PublicKey key = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.substring(colon + 1).trim())
                        .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
                if (key == null) {
                    throw new IllegalArgumentException("not a public key");
                }
                entries.add(new Entry(line.substring(0, colon).trim(), key));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                LOG.error("{}: cannot read the key, ignored: {}", where, e.getMessage());
            }
        }
        return new AuthorizedKeys(entries);
    }

    int size() {
        return entries.size();
    }

    /** Whether this key is one of the user's. */
    boolean allows(String username, PublicKey key) {
        return entries.stream().anyMatch(entry -> entry.user().equals(username) && KeyUtils.compareKeys(entry.key(), key));
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        boolean allowed = allows(username, key);
        if (allowed) {
            LOG.info("SSH shell: {} logged in with key {} from {}", username, KeyUtils.getFingerPrint(key), session.getClientAddress());
        }
        return allowed;
    }
}
