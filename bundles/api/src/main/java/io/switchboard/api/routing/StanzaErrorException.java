package io.switchboard.api.routing;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.PacketError;

/** A stanza-level failure; the core turns it into the matching RFC 6120 stanza error. */
public class StanzaErrorException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    private static final String POLICY_VIOLATION = "policy-violation";

    private final PacketError.Condition condition;

    public StanzaErrorException(PacketError.Condition condition) {
        this(condition, null);
    }

    public StanzaErrorException(PacketError.Condition condition, String text) {
        this(condition.toXMPP(), condition, text);
    }

    private StanzaErrorException(String name, PacketError.Condition condition, String text) {
        super(text == null ? name : name + ": " + text);
        this.condition = condition;
    }

    /**
     * RFC 6120 8.3.3.12 {@code policy-violation} (type modify): the entity broke a local policy,
     * such as a size limit. Tinder's {@link PacketError.Condition} does not know it.
     */
    public static StanzaErrorException policyViolation(String text) {
        return new StanzaErrorException(POLICY_VIOLATION, null, text);
    }

    /** The condition; null for {@link #policyViolation}, which Tinder's enumeration lacks. */
    public PacketError.Condition condition() {
        return condition;
    }

    /** The error element to send, with the optional human-readable text. */
    public PacketError toPacketError() {
        String message = getMessage();
        int colon = message.indexOf(": ");
        String text = colon > 0 ? message.substring(colon + 2) : null;
        if (condition != null) {
            PacketError error = new PacketError(condition);
            if (text != null) {
                error.setText(text);
            }
            return error;
        }
        Element error = DocumentHelper.createElement("error").addAttribute("type", "modify");
        error.addElement(POLICY_VIOLATION, STANZAS);
        if (text != null) {
            error.addElement("text", STANZAS).setText(text);
        }
        return new PacketError(error);
    }
}
