package io.switchboard.tls.impl;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;

/** A private key and its certificate chain, leaf first: what the server presents in a TLS handshake. */
record Credentials(PrivateKey key, X509Certificate[] chain) {

    X509Certificate leaf() {
        return chain[0];
    }

    /**
     * True when the key belongs to the leaf certificate: something signed with the key verifies with
     * the certificate's public key. Works alike for RSA, EC and EdDSA without deriving public keys.
     */
    boolean keyMatches() {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign under their own names
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf().getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a key of another type or curve than the certificate's
        }
    }

    /** For the log: whose certificate, until when. */
    String describe() {
        return leaf().getSubjectX500Principal().getName() + ", valid until " + leaf().getNotAfter().toInstant();
    }
}
