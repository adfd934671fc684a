package io.switchboard.auth.token.impl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A login token: {@code v1.<payload>.<signature>}, both base64url without padding; the payload is
 * {@code <user>|<expiry in epoch seconds>} and the signature HMAC-SHA-256 of {@code v1.<payload>}
 * with the shared secret. An issuer in any language can make one in a few lines.
 */
final class Token {

    private static final String VERSION = "v1";

    private Token() {
    }

    static String issue(byte[] secret, String user, Instant expiry) {
        String payload = encode((user + "|" + expiry.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        String signed = VERSION + "." + payload;
        return signed + "." + encode(hmac(secret, signed));
    }

    /** The user the token is for, when it is well-formed, signed with the secret and not expired; else null. */
    static String verify(byte[] secret, String token, Instant now) {
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return null;
        }
        byte[] signature;
        byte[] payload;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
            payload = Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!MessageDigest.isEqual(hmac(secret, parts[0] + "." + parts[1]), signature)) {
            return null;
        }
        String[] fields = new String(payload, StandardCharsets.UTF_8).split("\\|");
        if (fields.length != 2) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(fields[1])).isAfter(now) ? fields[0] : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hmac(byte[] secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
