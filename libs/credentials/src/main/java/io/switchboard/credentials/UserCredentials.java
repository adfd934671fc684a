package io.switchboard.credentials;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.switchboard.api.auth.ScramCredential;

/**
 * One user's credentials: a salted credential per SCRAM hash (SHA-256 for SCRAM-SHA-256 and PLAIN,
 * SHA-1 for clients such as Strophe.js that prefer SCRAM-SHA-1). As text (a users file's line),
 * the encoded credentials separated by spaces.
 */
public final class UserCredentials {

    private final Map<SaltedCredential.Algorithm, SaltedCredential> byAlgorithm;

    private UserCredentials(Map<SaltedCredential.Algorithm, SaltedCredential> byAlgorithm) {
        if (byAlgorithm.isEmpty()) {
            throw new IllegalArgumentException("no credential");
        }
        this.byAlgorithm = byAlgorithm;
    }

    /**
     * Fresh credentials of every kind for a new password.
     *
     * @throws IllegalArgumentException ({@link SaltedCredential#PROHIBITED}) for a password SASLprep refuses
     */
    public static UserCredentials create(String password, int iterations) {
        Map<SaltedCredential.Algorithm, SaltedCredential> all = new EnumMap<>(SaltedCredential.Algorithm.class);
        for (SaltedCredential.Algorithm algorithm : SaltedCredential.Algorithm.values()) {
            all.put(algorithm, SaltedCredential.create(algorithm, password, iterations));
        }
        return new UserCredentials(all);
    }

    /**
     * Credentials from their encoded forms, each either a credential or null (a store that keeps
     * one per column).
     *
     * @throws IllegalArgumentException naming what is wrong with the text, or when all are null
     */
    public static UserCredentials decode(String... encoded) {
        Map<SaltedCredential.Algorithm, SaltedCredential> all = new EnumMap<>(SaltedCredential.Algorithm.class);
        for (String text : encoded) {
            if (text == null || text.isBlank()) {
                continue;
            }
            for (String token : text.trim().split("\\s+")) {
                SaltedCredential credential = SaltedCredential.decode(token);
                if (all.put(credential.algorithm(), credential) != null) {
                    throw new IllegalArgumentException("two " + credential.algorithm().scheme() + " credentials");
                }
            }
        }
        return new UserCredentials(all);
    }

    public String encode() {
        return String.join(" ", byAlgorithm.values().stream().map(SaltedCredential::encode).toList());
    }

    public Optional<SaltedCredential> get(SaltedCredential.Algorithm algorithm) {
        return Optional.ofNullable(byAlgorithm.get(algorithm));
    }

    /** The credential for a SCRAM mechanism ({@link ScramCredential#SHA_256} or {@link ScramCredential#SHA_1}). */
    public Optional<ScramCredential> scram(String mechanism) {
        for (SaltedCredential credential : byAlgorithm.values()) {
            if (credential.algorithm().mechanism().equals(mechanism)) {
                return Optional.of(credential.toScram());
            }
        }
        return Optional.empty();
    }

    /** Checks a password with the strongest credential kept. */
    public boolean verify(String password) {
        return byAlgorithm.values().iterator().next().verify(password); // EnumMap: SHA-256 first
    }
}
