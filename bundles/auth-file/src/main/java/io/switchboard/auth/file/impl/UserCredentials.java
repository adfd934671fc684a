package io.switchboard.auth.file.impl;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One user's line of the users file: a salted credential per SCRAM hash (SHA-256 for SCRAM-SHA-256
 * and PLAIN, SHA-1 for clients such as Strophe.js that prefer SCRAM-SHA-1), separated by spaces.
 * Public (in a package the bundle keeps private) for tools that write users files, such as bench/.
 */
public final class UserCredentials {

    private final Map<SaltedCredential.Algorithm, SaltedCredential> byAlgorithm;

    private UserCredentials(Map<SaltedCredential.Algorithm, SaltedCredential> byAlgorithm) {
        this.byAlgorithm = byAlgorithm;
    }

    /** Fresh credentials of every kind for a new password. */
    public static UserCredentials create(String password, int iterations) {
        Map<SaltedCredential.Algorithm, SaltedCredential> all = new EnumMap<>(SaltedCredential.Algorithm.class);
        for (SaltedCredential.Algorithm algorithm : SaltedCredential.Algorithm.values()) {
            all.put(algorithm, SaltedCredential.create(algorithm, password, iterations));
        }
        return new UserCredentials(all);
    }

    /** @throws IllegalArgumentException naming what is wrong with the line */
    static UserCredentials decode(String line) {
        Map<SaltedCredential.Algorithm, SaltedCredential> all = new EnumMap<>(SaltedCredential.Algorithm.class);
        for (String token : line.trim().split("\\s+")) {
            SaltedCredential credential = SaltedCredential.decode(token);
            if (all.put(credential.algorithm(), credential) != null) {
                throw new IllegalArgumentException("two " + credential.algorithm().scheme + " credentials");
            }
        }
        return new UserCredentials(all);
    }

    public String encode() {
        return String.join(" ", byAlgorithm.values().stream().map(SaltedCredential::encode).toList());
    }

    Optional<SaltedCredential> get(SaltedCredential.Algorithm algorithm) {
        return Optional.ofNullable(byAlgorithm.get(algorithm));
    }

    /** Checks a password with the strongest credential kept. */
    boolean verify(String password) {
        return byAlgorithm.values().iterator().next().verify(password); // EnumMap: SHA-256 first
    }
}
