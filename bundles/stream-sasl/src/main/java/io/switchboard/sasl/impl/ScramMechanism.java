package io.switchboard.sasl.impl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.auth.ScramCredential;
import io.switchboard.api.sasl.SaslExchange;
import io.switchboard.api.sasl.SaslMechanism;
import io.switchboard.api.sasl.SaslStep;
import io.switchboard.api.stream.Negotiation;

/**
 * SCRAM (RFC 5802, RFC 7677) without channel binding: the client proves it knows the password
 * without sending it, and the server proves it knows the stored key. Offered when the current
 * {@link AuthProvider} keeps credentials for it.
 */
abstract class ScramMechanism implements SaslMechanism {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String hmac;
    private final String digest;
    private final UnknownUserSalts unknownSalts;

    ScramMechanism(String name, String hmac, String digest, UnknownUserSalts unknownSalts) {
        this.name = name;
        this.hmac = hmac;
        this.digest = digest;
        this.unknownSalts = unknownSalts;
    }

    @Override
    public boolean isOffered(Negotiation stream, AuthProvider provider) {
        return provider.scramMechanisms().contains(name);
    }

    @Override
    public SaslExchange start(Negotiation stream, AuthProvider provider) {
        return new Exchange(stream.domain(), provider);
    }

    /** One attempt: client-first, server-first, client-final, server-final. */
    private final class Exchange implements SaslExchange {
        private final String domain;
        private final AuthProvider provider;
        private String gs2Header;
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;
        private String username;
        private ScramCredential credential;
        private boolean unknownUser;

        Exchange(String domain, AuthProvider provider) {
            this.domain = domain;
            this.provider = provider;
        }

        @Override
        public SaslStep evaluate(byte[] message) {
            String text = new String(message, StandardCharsets.UTF_8);
            return serverFirst == null ? clientFirst(text) : clientFinal(text);
        }

        /** gs2-header client-first-bare: "n,," or "y,," (or "n,a=authzid,"), then "n=user,r=nonce[,…]". */
        private SaslStep clientFirst(String text) {
            if (text.startsWith("p=")) {
                return SaslStep.failure("malformed-request"); // channel binding is not offered
            }
            if (!(text.startsWith("n,") || text.startsWith("y,"))) {
                return SaslStep.failure("malformed-request");
            }
            int headerEnd = text.indexOf(',', 2);
            if (headerEnd < 0) {
                return SaslStep.failure("malformed-request");
            }
            String authzidPart = text.substring(2, headerEnd);
            gs2Header = text.substring(0, headerEnd + 1);
            clientFirstBare = text.substring(headerEnd + 1);
            String[] attributes = clientFirstBare.split(",");
            if (attributes.length < 2 || !attributes[0].startsWith("n=") || !attributes[1].startsWith("r=")
                    || attributes[1].length() == 2 || clientFirstBare.startsWith("m=")) {
                return SaslStep.failure("malformed-request");
            }
            username = Authzid.username(saslName(attributes[0].substring(2)), domain);
            if (username == null) {
                return SaslStep.failure("not-authorized");
            }
            String authzid = authzidPart.isEmpty() ? "" : authzidPart.startsWith("a=") ? saslName(authzidPart.substring(2)) : null;
            if (authzid == null || !Authzid.allowed(authzid, username, domain)) {
                return SaslStep.failure("invalid-authzid");
            }
            Optional<ScramCredential> stored = provider.scramCredential(username, name);
            // an unknown user gets the same exchange as any other, with a salt as steady as a real
            // user's and real users' iterations, and fails only at the end: the answers do not tell
            // who has an account
            unknownUser = stored.isEmpty();
            credential = stored.orElseGet(() -> unknownSalts.credential(name, username));
            nonce = attributes[1].substring(2) + Base64.getEncoder().encodeToString(random(18));
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credential.salt())
                    + ",i=" + credential.iterations();
            return SaslStep.challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
        }

        /** "c=base64(gs2-header),r=nonce[,…],p=proof". */
        private SaslStep clientFinal(String text) {
            int proofAt = text.lastIndexOf(",p=");
            if (proofAt < 0 || !text.startsWith("c=")) {
                return SaslStep.failure("malformed-request");
            }
            String withoutProof = text.substring(0, proofAt);
            String[] attributes = withoutProof.split(",");
            String binding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
            if (attributes.length < 2 || !attributes[0].equals("c=" + binding)) {
                return SaslStep.failure("malformed-request");
            }
            if (!attributes[1].equals("r=" + nonce)) {
                return SaslStep.failure("not-authorized");
            }
            byte[] proof;
            try {
                proof = Base64.getDecoder().decode(text.substring(proofAt + 3));
            } catch (IllegalArgumentException e) {
                return SaslStep.failure("incorrect-encoding");
            }
            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
            byte[] storedKey = credential.storedKey();
            if (unknownUser || proof.length != storedKey.length) {
                return SaslStep.failure("not-authorized", username);
            }
            byte[] clientSignature = hmac(storedKey, authMessage);
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) {
                clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
            }
            if (!MessageDigest.isEqual(storedKey, digest(clientKey))) {
                return SaslStep.failure("not-authorized", username);
            }
            byte[] serverSignature = hmac(credential.serverKey(), authMessage);
            return SaslStep.success(username,
                    ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** RFC 5802 saslname: "=2C" is a comma, "=3D" an equals sign. */
    private static String saslName(String text) {
        return text.replace("=2C", ",").replace("=3D", "=");
    }

    private byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmac + " is part of every Java 17 runtime", e);
        }
    }

    private byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digest + " is part of every Java 17 runtime", e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return random;
    }
}
