package io.switchboard.api.routing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

public class StanzaErrorExceptionTest {

    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    private static final String PUBSUB_ERRORS = "http://jabber.org/protocol/pubsub#errors";

    @Test
    public void anIqErrorKeepsTheIdAndTheChildAndCarriesConditionTypeTextAndTheApplicationCondition() {
        IQ request = new IQ(IQ.Type.set, "p1");
        request.setFrom("alice@example.com/desktop");
        request.setTo("pubsub.example.com");
        request.setChildElement("pubsub", "http://jabber.org/protocol/pubsub").addElement("publish").addAttribute("node", "n");
        Element unsupported = DocumentHelper.createElement(QName.get("unsupported", PUBSUB_ERRORS)).addAttribute("feature", "publish-options");

        IQ reply = (IQ) new StanzaErrorException(PacketError.Condition.feature_not_implemented, "not offered", unsupported)
                .replyTo(request);

        assertEquals(IQ.Type.error, reply.getType());
        assertEquals("p1", reply.getID());
        assertEquals("alice@example.com/desktop", reply.getTo().toString());
        assertEquals("pubsub.example.com", reply.getFrom().toString());
        assertEquals("publish", reply.getChildElement().element("publish").getName());
        Element error = reply.getElement().element("error");
        assertEquals("cancel", error.attributeValue("type"));
        assertEquals("feature-not-implemented", ((Element) error.elements().get(0)).getName());
        assertEquals("not offered", error.element(QName.get("text", STANZAS)).getText());
        assertEquals("publish-options", error.element(QName.get("unsupported", PUBSUB_ERRORS)).attributeValue("feature"));
    }

    @Test
    public void aMessageErrorIsTheMessageReturnedWithPolicyViolationOfTypeModify() {
        Message message = new Message();
        message.getElement().addAttribute("from", "alice@example.com/desktop");
        message.getElement().addAttribute("to", "not a jid@@");
        message.setBody("hello");
        StanzaErrorException e = StanzaErrorException.policyViolation("too large");

        Packet reply = e.replyTo(message);

        assertEquals("error", reply.getElement().attributeValue("type"));
        assertEquals("the raw address, which does not parse", "not a jid@@", reply.getElement().attributeValue("from"));
        assertEquals("hello", reply.getElement().elementText("body"));
        Element error = reply.getElement().element("error");
        assertEquals("modify", error.attributeValue("type"));
        assertEquals("policy-violation", ((Element) error.elements().get(0)).getName());
        assertEquals("too large", e.text());
        assertNull(e.condition());
    }

    @Test
    public void withoutAddressesTheReplyHasNone() {
        IQ bind = new IQ(IQ.Type.get, "b1");
        bind.setChildElement("bind", "urn:ietf:params:xml:ns:xmpp-bind");

        Packet reply = new StanzaErrorException(PacketError.Condition.bad_request, "bind with an iq of type set").replyTo(bind);

        assertNull(reply.getElement().attributeValue("to"));
        assertNull(reply.getElement().attributeValue("from"));
        assertEquals("bad-request: bind with an iq of type set", new StanzaErrorException(PacketError.Condition.bad_request,
                "bind with an iq of type set").getMessage());
    }
}
