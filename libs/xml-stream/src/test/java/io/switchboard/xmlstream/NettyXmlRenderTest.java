package io.switchboard.xmlstream;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.switchboard.api.routing.SharedPayload;

/** Stanzas into UTF-8 for a TCP stream, shared payloads copied as they were encoded once. */
public class NettyXmlRenderTest {

    @Test
    public void aStanzaWithASharedPayloadIsWrittenAsItsCopyWouldBe() throws Exception {
        String words = "Grüße, 漢字 and 🎧 ".repeat(300); // past the writer's own buffer, in one- to four-byte characters
        Element payload = DocumentHelper.parseText("<note xmlns='urn:test' a='&lt;'>" + words + "</note>").getRootElement();

        String withShared = rendered(message(words, new SharedPayload(payload)));
        String withCopy = rendered(message(words, payload.createCopy()));

        assertEquals(withCopy, withShared);
        assertEquals(message(words, payload.createCopy()).asXML(), withShared);
    }

    private static Element message(String body, Element child) {
        Element message = DocumentHelper.createElement("message");
        message.addAttribute("to", "zoë@example.com");
        message.addElement("body").setText(body);
        message.add(child);
        message.addElement("subject").setText("after the payload: ünïcode");
        return message;
    }

    private static String rendered(Element element) {
        ByteBuf bytes = NettyXml.render(UnpooledByteBufAllocator.DEFAULT, element);
        try {
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            bytes.release();
        }
    }
}
