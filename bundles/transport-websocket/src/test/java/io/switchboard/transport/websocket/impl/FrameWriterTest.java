package io.switchboard.transport.websocket.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.SharedPayload;

/** Elements into RFC 7395 frames, each checked by parsing it back with the JDK's own parser. */
public class FrameWriterTest {

    /** The frame's bytes as the text a client reads. */
    static String text(Element element) {
        return StandardCharsets.UTF_8.decode(FrameWriter.frame(element)).toString();
    }

    @Test
    public void textOutsideAsciiAndFramesLargerThanGuessedAreWrittenWhole() throws Exception {
        String words = "Grüße, 漢字 and 🎧 ".repeat(500); // two- to four-byte characters, 10,500 chars in all
        SharedPayload shared = new SharedPayload(DocumentHelper.parseText("<note xmlns='urn:test'>" + words + "</note>").getRootElement());
        Message message = new Message();
        message.setTo("zoë@example.com");
        message.setBody(words);
        message.getElement().add(shared);

        org.w3c.dom.Element root = parse(text(message.getElement()));

        assertEquals("zoë@example.com", root.getAttribute("to"));
        assertEquals(words, root.getElementsByTagName("body").item(0).getTextContent());
        assertEquals(words, root.getElementsByTagNameNS("urn:test", "note").item(0).getTextContent());
    }

    @Test
    public void aStanzaInNoNamespaceIsWrittenInJabberClient() throws Exception {
        Message message = new Message();
        message.setTo("bob@example.com/desk");
        message.setFrom("alice@example.com/phone");
        message.setBody("hi");

        String frame = text(message.getElement());

        org.w3c.dom.Element root = parse(frame);
        assertEquals("jabber:client", root.getNamespaceURI());
        assertEquals("message", root.getLocalName());
        assertEquals("bob@example.com/desk", root.getAttribute("to"));
        org.w3c.dom.Element body = (org.w3c.dom.Element) root.getElementsByTagName("body").item(0);
        assertEquals("the child inherits jabber:client", "jabber:client", body.getNamespaceURI());
        assertEquals("hi", body.getTextContent());
    }

    @Test
    public void theNamespaceIsDeclaredOnTheRootOnlyAndChildrenGetNoEmptyDeclaration() {
        Message message = new Message();
        message.setBody("hi");
        message.setSubject("greeting");

        String frame = text(message.getElement());

        assertEquals("<message xmlns=\"jabber:client\"><body>hi</body><subject>greeting</subject></message>", frame);
        assertFalse(frame.contains("xmlns=\"\""));
    }

    @Test
    public void extensionsAndErrorsKeepTheirOwnNamespaces() throws Exception {
        IQ error = new IQ(IQ.Type.error, "q1");
        error.setChildElement("query", "http://jabber.org/protocol/disco#info").addElement("feature");
        error.setError(PacketError.Condition.service_unavailable);

        String frame = text(error.getElement());

        assertEquals(1, occurrences(frame, "xmlns=\"jabber:client\""));
        org.w3c.dom.Element root = parse(frame);
        assertEquals("http://jabber.org/protocol/disco#info",
                root.getElementsByTagName("feature").item(0).getNamespaceURI());
        assertEquals("urn:ietf:params:xml:ns:xmpp-stanzas",
                root.getElementsByTagName("service-unavailable").item(0).getNamespaceURI());
        assertEquals("the <error/> wrapper is in jabber:client", "jabber:client",
                root.getElementsByTagName("error").item(0).getNamespaceURI());
    }

    @Test
    public void aStanzaReadFromAFrameIsWrittenBackTheSame() throws Exception {
        FrameParser parser = new FrameParser();
        Element parsed = parser.parse("<message xmlns='jabber:client' to='bob@example.com' id='m1'>"
                + "<body>a &lt; b</body><x xmlns='urn:example'><y/></x></message>");

        String frame = text(parsed);

        assertEquals("<message xmlns=\"jabber:client\" to=\"bob@example.com\" id=\"m1\">"
                + "<body>a &lt; b</body><x xmlns=\"urn:example\"><y/></x></message>", frame);
        assertEquals(frame, text(parser.parse(frame)));
    }

    @Test
    public void namespacedElementsAreWrittenUntouched() {
        Element success = DocumentHelper.createElement(QName.get("success", "urn:ietf:params:xml:ns:xmpp-sasl"));
        Element features = DocumentHelper.createElement(QName.get("features", "stream", "http://etherx.jabber.org/streams"));
        features.addElement(QName.get("bind", "urn:ietf:params:xml:ns:xmpp-bind"));

        assertEquals(success.asXML(), text(success));
        assertEquals(features.asXML(), text(features));
        assertFalse(text(features).contains("jabber:client"));
    }

    @Test
    public void theOpenFrameHasTheFramingNamespaceAndTheStreamAttributes() throws Exception {
        String frame = FrameWriter.open("example.com", "c2a1f9e0", "1.0", "en");

        org.w3c.dom.Element open = parse(frame);
        assertEquals("open", open.getLocalName());
        assertEquals("urn:ietf:params:xml:ns:xmpp-framing", open.getNamespaceURI());
        assertEquals("example.com", open.getAttribute("from"));
        assertEquals("c2a1f9e0", open.getAttribute("id"));
        assertEquals("1.0", open.getAttribute("version"));
        assertEquals("en", open.getAttributeNS(XMLConstants.XML_NS_URI, "lang"));
        assertTrue("no 'to' from the server", open.getAttribute("to").isEmpty());
    }

    @Test
    public void theOpenFrameIsReadBackByTheTransportsOwnParser() throws Exception {
        Element open = new FrameParser().parse(FrameWriter.open("example.com", "id1", "1.0", "fr"));

        assertEquals(FrameWriter.FRAMING_NS, open.getNamespaceURI());
        assertEquals("fr", open.attributeValue(QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE)));
    }

    @Test
    public void theCloseFrameIsAnEmptyCloseInTheFramingNamespace() throws Exception {
        org.w3c.dom.Element close = parse(FrameWriter.CLOSE);

        assertEquals("close", close.getLocalName());
        assertEquals(FrameWriter.FRAMING_NS, close.getNamespaceURI());
        assertFalse(close.hasChildNodes());
    }

    /** Parses a frame as a client would, namespace aware; fails on anything not well-formed. */
    private static org.w3c.dom.Element parse(String frame) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(frame.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
