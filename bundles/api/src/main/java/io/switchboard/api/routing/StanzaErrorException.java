package io.switchboard.api.routing;

import org.xmpp.packet.PacketError;

/** A stanza-level failure; the core turns it into the matching RFC 6120 stanza error. */
public class StanzaErrorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final PacketError.Condition condition;

    public StanzaErrorException(PacketError.Condition condition) {
        this(condition, null);
    }

    public StanzaErrorException(PacketError.Condition condition, String text) {
        super(text == null ? condition.toXMPP() : condition.toXMPP() + ": " + text);
        this.condition = condition;
    }

    public PacketError.Condition condition() {
        return condition;
    }

    /** The error element to send, with the optional human-readable text. */
    public PacketError toPacketError() {
        PacketError error = new PacketError(condition);
        String message = getMessage();
        int colon = message.indexOf(": ");
        if (colon > 0) {
            error.setText(message.substring(colon + 2));
        }
        return error;
    }
}
