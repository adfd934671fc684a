package io.switchboard.transport.websocket.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.Message;

import io.switchboard.api.routing.SharedPayload;

/** A payload shared by many stanzas is written exactly as an ordinary copy would be. */
public class SharedPayloadFrameTest {

    private static Message notification(String to, Element payload) {
        Message message = new Message();
        message.setTo(to);
        message.addChildElement("event", "http://jabber.org/protocol/pubsub#event")
                .addElement("items").addAttribute("node", "/news")
                .addElement("item").addAttribute("id", "1").add(payload);
        return message;
    }

    @Test
    public void aSharedPayloadIsWrittenAsItsCopyWouldBe() throws Exception {
        Element payload = DocumentHelper.parseText(
                "<notification xmlns='http://jabber.org/protocol/pubsub'>&lt;Update&gt;&amp;</notification>").getRootElement();
        SharedPayload shared = new SharedPayload(payload);

        String withShared = FrameWriterTest.text(notification("a@example.com", shared).getElement());
        String withCopy = FrameWriterTest.text(notification("a@example.com", payload.createCopy()).getElement());

        assertEquals(withCopy, withShared);
    }

    @Test
    public void oneInstanceServesManyStanzas() {
        SharedPayload shared = new SharedPayload(DocumentHelper.createElement(org.dom4j.QName.get("entry", "urn:test")));

        String first = FrameWriterTest.text(notification("a@example.com", shared).getElement());
        String second = FrameWriterTest.text(notification("b@example.com", shared).getElement());

        assertTrue(first.contains("<entry xmlns=\"urn:test\"/>"));
        assertTrue(second.contains("<entry xmlns=\"urn:test\"/>"));
    }

    @Test
    public void aPayloadInNoNamespaceSaysSoWhereverItIsWritten() throws Exception {
        SharedPayload shared = new SharedPayload(DocumentHelper.parseText("<plain a='1'>x</plain>").getRootElement());

        String frame = FrameWriterTest.text(notification("a@example.com", shared).getElement());
        String copy = FrameWriterTest.text(notification("a@example.com",
                DocumentHelper.parseText("<plain a='1'>x</plain>").getRootElement()).getElement());

        assertTrue(frame, frame.contains("<plain xmlns=\"\" a=\"1\">x</plain>"));
        assertTrue("the ordinary writer does the same", copy.contains("<plain xmlns=\"\" a=\"1\">x</plain>"));
    }

    @Test
    public void anEventSharedByManyNotificationsHoldingASharedPayloadIsWrittenAsCopiesWouldBe() throws Exception {
        for (String xml : new String[] {"<notification xmlns='http://jabber.org/protocol/pubsub'>&lt;Update&gt;</notification>",
                "<plain a='1'>x</plain>"}) {
            Element payload = DocumentHelper.parseText(xml).getRootElement();
            Element event = notification("ignored", new SharedPayload(payload)).getChildElement("event",
                    "http://jabber.org/protocol/pubsub#event").createCopy();
            SharedPayload sharedEvent = new SharedPayload(event);
            Message withSharedEvent = new Message();
            withSharedEvent.setTo("a@example.com");
            withSharedEvent.getElement().add(sharedEvent);

            String frame = FrameWriterTest.text(withSharedEvent.getElement());
            String copy = FrameWriterTest.text(notification("a@example.com", payload.createCopy()).getElement());

            assertEquals(copy, frame);
        }
    }
}
