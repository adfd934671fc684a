package io.switchboard.presence.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.testing.RecordingRouter;

public class RosterHandlerTest {

    private static final String NS = "jabber:iq:roster";

    private final RecordingRouter router = new RecordingRouter("example.com");
    private final RosterHandler handler = new RosterHandler(router);

    @Test
    public void rosterGetAnswersAnEmptyRoster() throws StanzaErrorException {
        handler.handle(roster(IQ.Type.get));

        IQ result = (IQ) router.takeRouted();
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("roster_1", result.getID());
        assertEquals(new JID("alice@example.com/desktop"), result.getTo());
        Element query = result.getChildElement();
        assertEquals("query", query.getName());
        assertEquals(NS, query.getNamespaceURI());
        assertTrue("no contacts", query.content().isEmpty());
    }

    @Test
    public void rosterSetIsNotImplemented() {
        IQ set = roster(IQ.Type.set);
        set.getChildElement().addElement("item").addAttribute("jid", "bob@example.com");

        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> handler.handle(set));

        assertEquals(PacketError.Condition.feature_not_implemented, e.condition());
        assertTrue(router.routed.isEmpty());
    }

    private static IQ roster(IQ.Type type) {
        IQ request = new IQ(type, "roster_1");
        request.setFrom(new JID("alice@example.com/desktop"));
        request.setChildElement("query", NS);
        return request;
    }
}
