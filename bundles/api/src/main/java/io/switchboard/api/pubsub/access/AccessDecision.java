package io.switchboard.api.pubsub.access;

import java.util.Objects;

import org.xmpp.packet.PacketError;

/** A {@link NodeAccessPolicy}'s answer: allowed, or denied with the XEP-0060 error to return. */
public final class AccessDecision {

    private static final AccessDecision ALLOWED = new AccessDecision(null, null);

    private final PacketError.Condition condition;
    private final String reason;

    private AccessDecision(PacketError.Condition condition, String reason) {
        this.condition = condition;
        this.reason = reason;
    }

    public static AccessDecision allowed() {
        return ALLOWED;
    }

    /**
     * Denied, e.g. {@code forbidden} (insufficient privileges) or {@code not-authorized}
     * (XEP-0060 6.1.3).
     *
     * @param reason for the requester and the log; never the names of other users' secrets
     */
    public static AccessDecision denied(PacketError.Condition condition, String reason) {
        return new AccessDecision(Objects.requireNonNull(condition), reason);
    }

    public boolean isAllowed() {
        return condition == null;
    }

    /** The error condition of a denial; null when allowed. */
    public PacketError.Condition condition() {
        return condition;
    }

    /** Why it was denied; null when allowed. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return isAllowed() ? "allowed" : "denied (" + condition.toXMPP() + "): " + reason;
    }
}
