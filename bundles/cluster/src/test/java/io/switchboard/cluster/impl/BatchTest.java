package io.switchboard.cluster.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.StreamError;

import io.switchboard.api.routing.SharedPayload;

public class BatchTest {

    private static SharedPayload event(String text) {
        Element event = DocumentHelper.createElement(QName.get("event", "http://jabber.org/protocol/pubsub#event"));
        event.addElement("items").addAttribute("node", "/finesse/api/Team/1").addElement("item").addAttribute("id", "i1")
                .addElement("Update", "urn:test").setText(text);
        return new SharedPayload(event);
    }

    private static Message notification(String to, SharedPayload event) {
        Message message = new Message();
        message.setType(Message.Type.headline);
        message.setFrom("pubsub.localhost");
        message.setTo(to);
        message.getElement().add(event);
        return message;
    }

    @Test
    public void aPayloadSharedByManyStanzasTravelsOnceAndIsSharedAgainOnArrival() throws Exception {
        SharedPayload event = event("agent1 READY <& \"quoted\">");
        Batch batch = new Batch();
        for (int i = 1; i <= 3; i++) {
            batch.deliver(new JID("agent" + i + "@localhost/desktop"), notification("agent" + i + "@localhost/desktop", event));
        }
        String xml = batch.xml();
        assertEquals("the payload is in the batch once", xml.indexOf("agent1 READY"), xml.lastIndexOf("agent1 READY"));

        List<Batch.Entry> read = Batch.read(xml);
        assertEquals(3, read.size());
        SharedPayload arrived = null;
        for (int i = 0; i < 3; i++) {
            Batch.Delivery delivery = (Batch.Delivery) read.get(i);
            assertEquals(new JID("agent" + (i + 1) + "@localhost/desktop"), delivery.to());
            Message message = (Message) delivery.packet();
            assertEquals(Message.Type.headline, message.getType());
            Element payload = message.getChildElement("event", "http://jabber.org/protocol/pubsub#event");
            assertTrue("arrives shared, for the transports to write as rendered", payload instanceof SharedPayload);
            if (arrived == null) {
                arrived = (SharedPayload) payload;
            }
            assertSame("one payload for every stanza of the batch", arrived, payload);
        }
        assertEquals(event.xml(), arrived.xml());
    }

    @Test
    public void stanzasAndClosesKeepTheirOrderAndOddResourcesSurvive() throws Exception {
        JID odd = new JID("agent2", "localhost", "desk<top> & \"more\"");
        IQ ping = new IQ(IQ.Type.get, "p1");
        ping.setTo(odd);
        ping.setFrom("agent1@localhost/desktop");
        ping.setChildElement("ping", "urn:xmpp:ping");
        Batch batch = new Batch();
        batch.close(new JID("agent3@localhost/desktop"), StreamError.Condition.conflict);
        batch.deliver(odd, ping);
        batch.close(new JID("agent4@localhost/desktop"), null);

        List<Batch.Entry> read = Batch.read(batch.xml());
        assertEquals(new Batch.Close(new JID("agent3@localhost/desktop"), StreamError.Condition.conflict), read.get(0));
        Batch.Delivery delivery = (Batch.Delivery) read.get(1);
        assertEquals(odd, delivery.to());
        IQ arrived = (IQ) delivery.packet();
        assertEquals(List.of("p1", IQ.Type.get, odd, ping.getFrom(), "urn:xmpp:ping"),
                List.of(arrived.getID(), arrived.getType(), arrived.getTo(), arrived.getFrom(), arrived.getChildElement().getNamespaceURI()));
        Batch.Close clean = (Batch.Close) read.get(2);
        assertNull(clean.condition());
    }
}
