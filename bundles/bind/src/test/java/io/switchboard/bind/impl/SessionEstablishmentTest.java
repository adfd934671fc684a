package io.switchboard.bind.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.ArrayList;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import io.switchboard.testing.RecordingNegotiation;
import io.switchboard.testing.RecordingRouter;

public class SessionEstablishmentTest {

    private static final String NS = "urn:ietf:params:xml:ns:xmpp-session";

    private final RecordingRouter router = new RecordingRouter("example.com");
    private final SessionEstablishment session = new SessionEstablishment(router);

    @Test
    public void advertisesSessionAsOptional() {
        Element advertised = session.advertise(new RecordingNegotiation("alice", "example.com", new ArrayList<>()));

        assertEquals("session", advertised.getName());
        assertEquals(NS, advertised.getNamespaceURI());
        Element optional = advertised.element("optional");
        assertEquals(NS, optional.getNamespaceURI());
    }

    @Test
    public void sessionRequestDuringNegotiationIsAnsweredWithAnEmptyResult() throws Exception {
        RecordingNegotiation stream = new RecordingNegotiation("alice", "example.com", new ArrayList<>());
        Element request = DocumentHelper.parseText(
                "<iq xmlns='jabber:client' type='set' id='sess_1'><session xmlns='" + NS + "'/></iq>").getRootElement();

        session.process(request, stream);

        IQ result = new IQ(stream.takeSent());
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("sess_1", result.getID());
        assertNull(result.getChildElement());
    }

    @Test
    public void sessionRequestAfterBindingIsAnsweredThroughTheRouter() {
        IQ request = new IQ(IQ.Type.set, "sess_1");
        request.setFrom(new JID("alice@example.com/desktop"));
        request.setTo(new JID("example.com"));
        request.setChildElement("session", NS);

        session.handle(request);

        IQ result = (IQ) router.takeRouted();
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("sess_1", result.getID());
        assertEquals(new JID("alice@example.com/desktop"), result.getTo());
        assertEquals(new JID("example.com"), result.getFrom());
        assertNull(result.getChildElement());
    }
}
