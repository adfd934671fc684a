package io.switchboard.presence.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.testing.RecordingRouter;

public class PingHandlerTest {

    private final RecordingRouter router = new RecordingRouter("example.com");
    private final PingHandler handler = new PingHandler(router);

    @Test
    public void pingIsAnsweredWithAnEmptyResult() throws StanzaErrorException {
        handler.handle(ping(IQ.Type.get));

        IQ result = (IQ) router.takeRouted();
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("ping_1", result.getID());
        assertEquals(new JID("alice@example.com/desktop"), result.getTo());
        assertEquals(new JID("example.com"), result.getFrom());
        assertNull(result.getChildElement());
    }

    @Test
    public void pingOfTypeSetIsABadRequest() {
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> handler.handle(ping(IQ.Type.set)));

        assertEquals(PacketError.Condition.bad_request, e.condition());
        assertTrue("nothing answered besides the error", router.routed.isEmpty());
    }

    private static IQ ping(IQ.Type type) {
        IQ ping = new IQ(type, "ping_1");
        ping.setFrom(new JID("alice@example.com/desktop"));
        ping.setTo(new JID("example.com"));
        ping.setChildElement("ping", "urn:xmpp:ping");
        return ping;
    }
}
