package io.switchboard.transport.websocket.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.junit.Test;

import io.switchboard.xmldocument.RestrictedXmlReader.NotWellFormedException;
import io.switchboard.xmldocument.RestrictedXmlReader.RestrictedXmlException;
import io.switchboard.xmldocument.RestrictedXmlReader;

/** One RFC 7395 frame into one element: jabber:client dropped as Tinder expects, RFC 6120 11.1 enforced. */
public class FrameParserTest {

    private final FrameParser parser = new FrameParser();

    @Test
    public void aJabberClientStanzaAndItsChildrenComeOutInNoNamespace() throws Exception {
        Element message = parser.parse("<message xmlns='jabber:client' to='bob@example.com' type='chat'>"
                + "<body>hi</body><thread>t1</thread></message>");

        assertEquals("message", message.getName());
        assertEquals("", message.getNamespaceURI());
        assertEquals("bob@example.com", message.attributeValue("to"));
        for (Element child : message.elements()) {
            assertEquals(child.getName(), "", child.getNamespaceURI());
        }
        assertEquals("hi", message.elementText("body"));
        assertNull("the element is detached from its frame's document", message.getParent());
    }

    @Test
    public void otherNamespacesAreKept() throws Exception {
        Element iq = parser.parse("<iq xmlns='jabber:client' type='get' id='1'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='client'/></query></iq>");

        Element query = iq.elements().get(0);
        assertEquals("http://jabber.org/protocol/disco#info", query.getNamespaceURI());
        assertEquals("children inherit their parent's namespace", "http://jabber.org/protocol/disco#info",
                query.elements().get(0).getNamespaceURI());
    }

    @Test
    public void framingAndNonzaNamespacesAreKept() throws Exception {
        Element open = parser.parse("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.com' version='1.0'"
                + " xml:lang='de'/>");
        Element auth = parser.parse("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHNlY3JldA==</auth>");

        assertEquals(FrameWriter.FRAMING_NS, open.getNamespaceURI());
        assertEquals("de", open.attributeValue(QName.get("lang", Namespace.XML_NAMESPACE)));
        assertEquals("urn:ietf:params:xml:ns:xmpp-sasl", auth.getNamespaceURI());
        assertEquals("AGFsaWNlAHNlY3JldA==", auth.getText());
    }

    @Test
    public void aPrefixedJabberClientStanzaComesOutInNoNamespaceAndWithoutPrefix() throws Exception {
        Element message = parser.parse("<c:message xmlns:c='jabber:client' to='bob@example.com'>"
                + "<c:body>hi</c:body></c:message>");

        assertEquals("message", message.getQualifiedName());
        assertEquals("", message.getNamespaceURI());
        assertEquals("body", message.elements().get(0).getQualifiedName());
        // it is written out again as any other stanza: no prefix bound to the empty namespace
        assertEquals("<message to=\"bob@example.com\"><body>hi</body></message>", message.asXML());
    }

    @Test
    public void escapedCharactersAreFineAndDecoded() throws Exception {
        Element message = parser.parse("<message xmlns='jabber:client'><body>a &lt; b &amp;&amp; &#x263A;</body></message>");

        assertEquals("a < b && \u263A", message.elementText("body"));
    }

    @Test
    public void aCdataSectionIsText() throws Exception {
        Element message = parser.parse("<message xmlns='jabber:client'><body><![CDATA[<b>&]]> after</body></message>");

        assertEquals("<b>& after", message.elementText("body"));
    }

    @Test
    public void aDoctypeIsRestricted() {
        assertRestricted("<!DOCTYPE message><message xmlns='jabber:client'/>");
    }

    @Test
    public void anEntityDeclarationIsRestricted() {
        // the entity never expands: the DTD that declares it is refused first
        assertRestricted("<!DOCTYPE message [<!ENTITY boom 'boom'>]><message xmlns='jabber:client'><body>&boom;</body></message>");
    }

    @Test
    public void anExternalEntityIsRestrictedAndNeverFetched() {
        assertRestricted("<!DOCTYPE message [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<message xmlns='jabber:client'><body>&x;</body></message>");
    }

    @Test
    public void commentsAreRestrictedInsideAndBeforeTheElement() {
        assertRestricted("<message xmlns='jabber:client'><!-- hidden --><body>hi</body></message>");
        assertRestricted("<!-- hidden --><message xmlns='jabber:client'/>");
    }

    @Test
    public void processingInstructionsAreRestricted() {
        assertRestricted("<message xmlns='jabber:client'><?target data?></message>");
        assertRestricted("<?xml-stylesheet href='x.xsl'?><message xmlns='jabber:client'/>");
    }

    @Test
    public void aNameWithAnEmptyPrefixIsNotWellFormed() {
        // found by FrameParserFuzzTest: outside stanzas dom4j refused the name with an
        // IllegalArgumentException; inside them it kept it
        assertNotWellFormed("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing'><:x/></open>");
        assertNotWellFormed("<message xmlns='jabber:client'><:body>hi</:body></message>");
        assertNotWellFormed("<message xmlns='jabber:client' :to='a@example.com'/>");
    }

    @Test
    public void anUnclosedElementIsNotWellFormed() {
        assertNotWellFormed("<message xmlns='jabber:client'><body>hi</message>");
    }

    @Test
    public void twoElementsInOneFrameAreNotWellFormed() {
        assertNotWellFormed("<message xmlns='jabber:client'/><message xmlns='jabber:client'/>");
    }

    @Test
    public void anUndeclaredEntityIsNotWellFormed() {
        assertNotWellFormed("<message xmlns='jabber:client'><body>&nbsp;</body></message>");
    }

    @Test
    public void anUnboundPrefixIsNotWellFormed() {
        assertNotWellFormed("<x:message xmlns='jabber:client'/>");
    }

    @Test
    public void textAndEmptyFramesAreNotWellFormed() {
        assertNotWellFormed("hello");
        assertNotWellFormed("");
    }

    @Test
    public void theParserIsReusableAfterEachKindOfError() throws Exception {
        assertNotWellFormed("<message xmlns='jabber:client'><body>");
        assertEquals("presence", parser.parse("<presence xmlns='jabber:client'/>").getName());

        assertRestricted("<message xmlns='jabber:client'><!-- c --></message>");
        Element message = parser.parse("<c:message xmlns:c='jabber:client'><c:body>again</c:body></c:message>");
        assertEquals("<message><body>again</body></message>", message.asXML());

        assertRestricted("<!DOCTYPE iq><iq/>");
        assertEquals("iq", parser.parse("<iq xmlns='jabber:client' type='get' id='2'/>").getName());
    }

    private void assertRestricted(String frame) {
        assertThrows(frame, RestrictedXmlException.class, () -> parser.parse(frame));
    }

    private void assertNotWellFormed(String frame) {
        assertThrows(frame, NotWellFormedException.class, () -> parser.parse(frame));
    }
}
