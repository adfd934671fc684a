package io.switchboard.api.routing;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * A stanza-level failure (RFC 6120 8.3): the defined condition, its error type, an optional text
 * for the sender and an optional application-specific condition (8.3.4, such as XEP-0060's
 * {@code <unsupported xmlns='http://jabber.org/protocol/pubsub#errors' feature='...'/>}). Handlers
 * throw it; the router, components and stream features answer with {@link #replyTo}, the one place
 * an error stanza is made.
 */
public class StanzaErrorException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    private static final String POLICY_VIOLATION = "policy-violation";

    /** Null for {@code policy-violation}, which Tinder's enumeration lacks. */
    private final PacketError.Condition condition;
    private final String text;
    private final transient Element applicationCondition;

    public StanzaErrorException(PacketError.Condition condition) {
        this(condition, null);
    }

    public StanzaErrorException(PacketError.Condition condition, String text) {
        this(condition, text, null);
    }

    /**
     * @param text for the sender; null for none
     * @param applicationCondition an element in an application's namespace, added beside the
     *        defined condition; null for none
     */
    public StanzaErrorException(PacketError.Condition condition, String text, Element applicationCondition) {
        this(condition.toXMPP(), condition, text, applicationCondition);
    }

    private StanzaErrorException(String name, PacketError.Condition condition, String text, Element applicationCondition) {
        super(text == null ? name : name + ": " + text);
        this.condition = condition;
        this.text = text;
        this.applicationCondition = applicationCondition == null ? null : applicationCondition.createCopy();
    }

    /**
     * RFC 6120 8.3.3.12 {@code policy-violation} (type modify): the entity broke a local policy,
     * such as a size limit. Tinder's {@link PacketError.Condition} does not know it.
     */
    public static StanzaErrorException policyViolation(String text) {
        return new StanzaErrorException(POLICY_VIOLATION, null, text, null);
    }

    /** The condition; null for {@link #policyViolation}, which Tinder's enumeration lacks. */
    public PacketError.Condition condition() {
        return condition;
    }

    /** The text for the sender, or null. */
    public String text() {
        return text;
    }

    /** The error element to send: the condition with its default type, the text and the application-specific condition. */
    public PacketError toPacketError() {
        PacketError error;
        if (condition != null) {
            error = new PacketError(condition);
            if (text != null) {
                error.setText(text);
            }
        } else {
            Element element = DocumentHelper.createElement("error").addAttribute("type", "modify");
            element.addElement(POLICY_VIOLATION, STANZAS);
            if (text != null) {
                element.addElement("text", STANZAS).setText(text);
            }
            error = new PacketError(element);
        }
        if (applicationCondition != null) {
            error.getElement().add(applicationCondition.createCopy());
        }
        return error;
    }

    /**
     * The error stanza answering a request (RFC 6120 8.2): an IQ of type error with the request's id
     * and a copy of its child, or a copy of a message or presence; addressed back to the sender, from
     * what the request was addressed to (the raw attributes: the error may be that they do not parse).
     * Errors and IQ results must not be answered: the caller decides that.
     */
    public Packet replyTo(Packet request) {
        Packet reply;
        if (request instanceof IQ iq) {
            IQ answer = new IQ(IQ.Type.error, iq.getID() == null ? "" : iq.getID());
            if (iq.getChildElement() != null) {
                answer.setChildElement(iq.getChildElement().createCopy());
            }
            reply = answer;
        } else {
            reply = request.createCopy();
        }
        Element element = reply.getElement();
        String from = request.getElement().attributeValue("from");
        String to = request.getElement().attributeValue("to");
        element.addAttribute("to", from);
        element.addAttribute("from", to);
        reply.setError(toPacketError());
        return reply;
    }
}
