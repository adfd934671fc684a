package io.switchboard.api.sasl;

import java.util.Objects;

/** What an exchange answers: a challenge, success for a user, or a failure (RFC 6120 6.5). */
public final class SaslStep {

    private final byte[] data;
    private final String username;
    private final String failure;

    private SaslStep(byte[] data, String username, String failure) {
        this.data = data;
        this.username = username;
        this.failure = failure;
    }

    public static SaslStep challenge(byte[] data) {
        return new SaslStep(data.clone(), null, null);
    }

    /** Authenticated as this user (the JID local part), with the server's final data, if any. */
    public static SaslStep success(String username, byte[] additionalData) {
        return new SaslStep(additionalData == null ? null : additionalData.clone(), Objects.requireNonNull(username), null);
    }

    /** Failed with an RFC 6120 SASL condition, e.g. {@code not-authorized}, {@code malformed-request}. */
    public static SaslStep failure(String condition) {
        return new SaslStep(null, null, Objects.requireNonNull(condition));
    }

    /**
     * Failed for this user, e.g. a wrong password: the user's failures are counted, and too many
     * lock the account for a while.
     */
    public static SaslStep failure(String condition, String username) {
        return new SaslStep(null, Objects.requireNonNull(username), Objects.requireNonNull(condition));
    }

    public boolean isChallenge() {
        return username == null && failure == null;
    }

    public boolean isSuccess() {
        return username != null && failure == null;
    }

    /** The challenge, or the success's additional data (null when there is none). */
    public byte[] data() {
        return data == null ? null : data.clone();
    }

    /** Who succeeded, or who failed when the failure names a user; else null. */
    public String username() {
        return username;
    }

    /** The failure's condition; null unless failed. */
    public String failure() {
        return failure;
    }
}
