package io.switchboard.api.auth;

import java.util.Objects;

/**
 * What a store keeps for SCRAM (RFC 5802, RFC 7677) instead of a password: enough for the server
 * to check a client's proof and prove itself in return, never enough to log in as the user.
 *
 * @param mechanism {@code SCRAM-SHA-1} or {@code SCRAM-SHA-256}
 * @param storedKey H(ClientKey)
 * @param serverKey HMAC(SaltedPassword, "Server Key")
 */
public record ScramCredential(String mechanism, int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    public static final String SHA_1 = "SCRAM-SHA-1";
    public static final String SHA_256 = "SCRAM-SHA-256";

    public ScramCredential {
        Objects.requireNonNull(mechanism);
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }
}
