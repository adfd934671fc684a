package io.switchboard.auth.file.impl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A salted SCRAM-SHA-256 credential (RFC 5802, RFC 7677): what a server stores instead of the
 * password. It verifies a plain password now and can serve SCRAM logins later, without change.
 * Written as {@code scram-sha-256:iterations:salt:storedKey:serverKey}, binary parts in base64.
 */
record ScramCredential(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    static final String SCHEME = "scram-sha-256";
    static final int DEFAULT_ITERATIONS = 4096;
    /** SHA-256 and HMAC-SHA-256 output. */
    static final int KEY_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    static ScramCredential create(String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return derive(password, salt, iterations);
    }

    static ScramCredential derive(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        return new ScramCredential(iterations, salt, sha256(clientKey), hmac(salted, "Server Key"));
    }

    /** Checks a password in constant time with respect to the stored key. */
    boolean verify(String password) {
        byte[] clientKey = hmac(saltedPassword(password, salt, iterations), "Client Key");
        return MessageDigest.isEqual(storedKey, sha256(clientKey));
    }

    String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + ':' + iterations + ':' + b64.encodeToString(salt) + ':'
                + b64.encodeToString(storedKey) + ':' + b64.encodeToString(serverKey);
    }

    /** @throws IllegalArgumentException naming what is wrong with the text */
    static ScramCredential decode(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 5 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("expected " + SCHEME + ":iterations:salt:storedKey:serverKey");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations '" + parts[1] + "' is not a number");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        return new ScramCredential(iterations, binary(parts[2], "salt", -1), binary(parts[3], "storedKey", KEY_LENGTH),
                binary(parts[4], "serverKey", KEY_LENGTH));
    }

    /** A base64 part: not empty, and of the given length unless that is negative. */
    private static byte[] binary(String text, String name, int length) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        if (length >= 0 && bytes.length != length) {
            throw new IllegalArgumentException(name + " has " + bytes.length + " bytes instead of " + length);
        }
        return bytes;
    }

    private static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }
}
