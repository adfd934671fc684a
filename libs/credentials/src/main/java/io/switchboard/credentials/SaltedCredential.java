package io.switchboard.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import com.ongres.saslprep.SASLprep;

import io.switchboard.api.auth.ScramCredential;

/**
 * A salted SCRAM credential (RFC 5802, RFC 7677): what a server stores instead of the password.
 * It verifies a plain password (PLAIN) and serves SCRAM logins. Written as
 * {@code scram-sha-256:iterations:salt:storedKey:serverKey} (or {@code scram-sha-1:…}), binary
 * parts in base64.
 *
 * <p>Its arrays are handed out as they are, for reading: what leaves a bundle is a
 * {@link ScramCredential}, which copies them. Shared source, not a shared bundle: each authentication bundle that stores credentials copies
 * this package into itself (bnd {@code -conditionalpackage}), so none depends on another at run time.
 */
public record SaltedCredential(Algorithm algorithm, int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    public static final int DEFAULT_ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Stateless: the profile's tables are constants. */
    private static final SASLprep SASLPREP = new SASLprep();
    /** Why a password cannot be taken, in words for whoever chose it. */
    public static final String PROHIBITED =
            "the password has characters SASLprep (RFC 4013) prohibits, such as control characters";

    /** The hash a credential is made with, and the names it goes by. */
    public enum Algorithm {
        SHA_256("scram-sha-256", ScramCredential.SHA_256, "SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 32),
        SHA_1("scram-sha-1", ScramCredential.SHA_1, "SHA-1", "HmacSHA1", "PBKDF2WithHmacSHA1", 20);

        private final String scheme;
        private final String mechanism;
        private final String digest;
        private final String hmac;
        private final String pbkdf2;
        /** Output length of the hash, and so of every key. */
        private final int keyLength;

        Algorithm(String scheme, String mechanism, String digest, String hmac, String pbkdf2, int keyLength) {
            this.scheme = scheme;
            this.mechanism = mechanism;
            this.digest = digest;
            this.hmac = hmac;
            this.pbkdf2 = pbkdf2;
            this.keyLength = keyLength;
        }

        /** As written in a credential: {@code scram-sha-256} or {@code scram-sha-1}. */
        public String scheme() {
            return scheme;
        }

        /** The SASL mechanism: {@link ScramCredential#SHA_256} or {@link ScramCredential#SHA_1}. */
        public String mechanism() {
            return mechanism;
        }

        static Algorithm ofScheme(String scheme) {
            for (Algorithm algorithm : values()) {
                if (algorithm.scheme.equals(scheme)) {
                    return algorithm;
                }
            }
            throw new IllegalArgumentException("unknown scheme '" + scheme + "' (expected scram-sha-256 or scram-sha-1)");
        }
    }

    /** @throws IllegalArgumentException ({@link #PROHIBITED}) for a password SASLprep refuses */
    public static SaltedCredential create(Algorithm algorithm, String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return derive(algorithm, password, salt, iterations);
    }

    /** @throws IllegalArgumentException ({@link #PROHIBITED}) for a password SASLprep refuses */
    public static SaltedCredential derive(Algorithm algorithm, String password, byte[] salt, int iterations) {
        if (!preparable(password)) {
            throw new IllegalArgumentException(PROHIBITED);
        }
        byte[] salted = saltedPassword(algorithm, password, salt, iterations);
        byte[] clientKey = hmac(algorithm, salted, "Client Key");
        return new SaltedCredential(algorithm, iterations, salt, digest(algorithm, clientKey),
                hmac(algorithm, salted, "Server Key"));
    }

    /** Checks a password in constant time with respect to the stored key. */
    public boolean verify(String password) {
        if (!preparable(password)) {
            return false; // no stored password has characters SASLprep prohibits
        }
        byte[] clientKey = hmac(algorithm, saltedPassword(algorithm, password, salt, iterations), "Client Key");
        return MessageDigest.isEqual(storedKey, digest(algorithm, clientKey));
    }

    /** Whether SASLprep accepts the password (it refuses control characters and the like, RFC 4013 2.3). */
    public static boolean preparable(String password) {
        try {
            SASLPREP.prepareQuery(password.toCharArray());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public ScramCredential toScram() {
        return new ScramCredential(algorithm.mechanism, iterations, salt, storedKey, serverKey);
    }

    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return algorithm.scheme + ':' + iterations + ':' + b64.encodeToString(salt) + ':'
                + b64.encodeToString(storedKey) + ':' + b64.encodeToString(serverKey);
    }

    /** @throws IllegalArgumentException naming what is wrong with the text */
    public static SaltedCredential decode(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 5) {
            throw new IllegalArgumentException("expected scram-sha-256:iterations:salt:storedKey:serverKey");
        }
        Algorithm algorithm = Algorithm.ofScheme(parts[0]);
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations '" + parts[1] + "' is not a number");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        return new SaltedCredential(algorithm, iterations, binary(parts[2], "salt", -1),
                binary(parts[3], "storedKey", algorithm.keyLength), binary(parts[4], "serverKey", algorithm.keyLength));
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

    /**
     * RFC 5802 2.2 and 5.1: Hi(Normalize(password), salt, i), where Normalize is SASLprep (RFC 4013)
     * as a query (unassigned code points allowed), as SCRAM clients compute it: a password with
     * non-ASCII characters then matches whatever form the client typed it in.
     */
    private static byte[] saltedPassword(Algorithm algorithm, String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(SASLPREP.prepareQuery(password.toCharArray()), salt, iterations, algorithm.keyLength * 8);
            return SecretKeyFactory.getInstance(algorithm.pbkdf2).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.pbkdf2 + " is part of every Java 17 runtime", e);
        }
    }

    private static byte[] hmac(Algorithm algorithm, byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(algorithm.hmac);
            mac.init(new SecretKeySpec(key, algorithm.hmac));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.hmac + " is part of every Java 17 runtime", e);
        }
    }

    private static byte[] digest(Algorithm algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm.digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.digest + " is part of every Java 17 runtime", e);
        }
    }
}
