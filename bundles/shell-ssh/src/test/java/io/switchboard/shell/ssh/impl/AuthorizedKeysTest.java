package io.switchboard.shell.ssh.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.Test;

public class AuthorizedKeysTest {

    private static PublicKey newKey(String algorithm) throws NoSuchAlgorithmException {
        KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        return pair.getPublic();
    }

    @Test
    public void aKeyLogsInOnlyUnderItsOwnName() throws Exception {
        PublicKey ec = newKey("EC");
        PublicKey rsa = newKey("RSA");
        AuthorizedKeys keys = AuthorizedKeys.parse(new String[] {
                "admin: " + PublicKeyEntry.toString(ec) + " admin@laptop",
                "ops:" + PublicKeyEntry.toString(rsa)});
        assertEquals(2, keys.size());
        assertTrue(keys.allows("admin", ec));
        assertTrue(keys.allows("ops", rsa));
        assertFalse(keys.allows("ops", ec));
        assertFalse(keys.allows("admin", newKey("EC")));
    }

    @Test
    public void anEd25519KeyAsOpenSshWritesItIsRead() {
        // what ssh-keygen -t ed25519 writes (OpenSSH's default key type)
        AuthorizedKeys keys = AuthorizedKeys.parse(new String[] {
                "admin: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9iA5mXnMUv6GvJNBe+XZHSnRt0DVg7vmwjzPYYmOQ1 admin@laptop"});
        assertEquals(1, keys.size());
    }

    @Test
    public void unreadableEntriesAreLeftOutAndTheOthersStillWork() throws Exception {
        PublicKey ec = newKey("EC");
        AuthorizedKeys keys = AuthorizedKeys.parse(new String[] {
                "no name here",
                "admin: ssh-rsa not-base64!",
                "",
                "admin: " + PublicKeyEntry.toString(ec)});
        assertEquals(1, keys.size());
        assertTrue(keys.allows("admin", ec));
    }
}
