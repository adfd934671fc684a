package io.switchboard.itests;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.callback.CallbackHandler;

import org.jivesoftware.smack.SmackException.SmackSaslException;
import org.jivesoftware.smack.sasl.SASLMechanism;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) for Smack, whose 4.5 line has only
 * SCRAM-SHA-1: written here from the RFCs, independently of the server's implementation, so
 * that the tests log in with it as a modern client does. It checks the server's signature too.
 */
final class ScramSha256ForSmack extends SASLMechanism {

    static final String NAME = "SCRAM-SHA-256";

    private String clientFirstBare;
    private String nonce;
    private byte[] expectedServerSignature;
    private boolean serverVerified;

    /** Makes it available to every connection of this JVM (Smack keeps mechanisms globally). */
    static void register() {
        if (!org.jivesoftware.smack.SASLAuthentication.isSaslMechanismRegistered(NAME)) {
            org.jivesoftware.smack.SASLAuthentication.registerSASLMechanism(new ScramSha256ForSmack());
        }
    }

    @Override
    protected void authenticateInternal(CallbackHandler handler) {
        throw new UnsupportedOperationException("SCRAM needs the password itself");
    }

    @Override
    protected byte[] getAuthenticationText() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        nonce = Base64.getEncoder().encodeToString(random);
        clientFirstBare = "n=" + authenticationId.replace("=", "=3D").replace(",", "=2C") + ",r=" + nonce;
        return toBytes("n,," + clientFirstBare);
    }

    @Override
    protected byte[] evaluateChallenge(byte[] challenge) throws SmackSaslException {
        String serverMessage = new String(challenge, StandardCharsets.UTF_8);
        try {
            if (expectedServerSignature != null) { // server-final-message, carried by <success/>
                serverVerified = serverMessage.equals("v=" + Base64.getEncoder().encodeToString(expectedServerSignature));
                return null;
            }
            Map<Character, String> attributes = attributes(serverMessage);
            String serverNonce = attributes.get('r');
            if (serverNonce == null || !serverNonce.startsWith(nonce)) {
                throw new SmackSaslException("the server's nonce does not extend ours: " + serverMessage);
            }
            byte[] salt = Base64.getDecoder().decode(attributes.get('s'));
            int iterations = Integer.parseInt(attributes.get('i'));
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] saltedPassword = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            byte[] clientKey = hmac(saltedPassword, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            String clientFinalWithoutProof = "c=biws,r=" + serverNonce;
            String authMessage = clientFirstBare + "," + serverMessage + "," + clientFinalWithoutProof;
            byte[] proof = hmac(storedKey, authMessage);
            for (int i = 0; i < proof.length; i++) {
                proof[i] ^= clientKey[i];
            }
            expectedServerSignature = hmac(hmac(saltedPassword, "Server Key"), authMessage);
            return toBytes(clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SmackSaslException(e);
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<Character, String> attributes(String message) {
        Map<Character, String> attributes = new HashMap<>();
        for (String part : message.split(",")) {
            attributes.put(part.charAt(0), part.substring(2));
        }
        return attributes;
    }

    @Override
    protected void checkIfSuccessfulOrThrow() throws SmackSaslException {
        if (!serverVerified) {
            throw new SmackSaslException("the server did not prove that it knows the password");
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getPriority() {
        return 105; // before SCRAM-SHA-1 (110), as a client that has both would choose
    }

    @Override
    public boolean authzidSupported() {
        return false;
    }

    @Override
    protected SASLMechanism newInstance() {
        return new ScramSha256ForSmack();
    }
}
