package io.switchboard.transport.bosh.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.dom4j.Element;
import org.junit.Test;
import io.switchboard.xmldocument.RestrictedXmlReader;

public class BodyParserTest {

    private final BodyParser parser = new BodyParser(4, 8);

    private Element parse(String xml) throws Exception {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void stanzasInJabberClientOrTheWrapperNamespaceHaveNoNamespace() throws Exception {
        Element body = parse("<body xmlns='http://jabber.org/protocol/httpbind' rid='1' sid='s'>"
                + "<message xmlns='jabber:client' to='a@b'><body>hi</body></message>"
                + "<presence/>"
                + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGE=</auth></body>");
        List<Element> children = body.elements();
        assertEquals("", children.get(0).getNamespaceURI());
        assertEquals("", children.get(0).element("body").getNamespaceURI());
        assertEquals("", children.get(1).getNamespaceURI());
        assertEquals("urn:ietf:params:xml:ns:xmpp-sasl", children.get(2).getNamespaceURI());
        assertEquals("1", body.attributeValue("rid"));
    }

    @Test
    public void restrictedXmlIsRefused() {
        assertThrows(RestrictedXmlReader.RestrictedXmlException.class,
                () -> parse("<body xmlns='http://jabber.org/protocol/httpbind'><!-- hello --></body>"));
        assertThrows(RestrictedXmlReader.RestrictedXmlException.class,
                () -> parse("<body xmlns='http://jabber.org/protocol/httpbind'><?pi x?></body>"));
        assertThrows(RestrictedXmlReader.RestrictedXmlException.class,
                () -> parse("<!DOCTYPE body [<!ENTITY x 'y'>]><body xmlns='http://jabber.org/protocol/httpbind'>&x;</body>"));
    }

    @Test
    public void limitsCountFromTheStanzaNotTheWrapper() throws Exception {
        parse("<body xmlns='http://jabber.org/protocol/httpbind'><a><b><c><d/></c></b></a></body>");
        assertThrows(RestrictedXmlReader.PolicyViolationException.class,
                () -> parse("<body xmlns='http://jabber.org/protocol/httpbind'><a><b><c><d><e/></d></c></b></a></body>"));
        assertThrows(RestrictedXmlReader.PolicyViolationException.class,
                () -> parse("<body xmlns='http://jabber.org/protocol/httpbind'><a a='' b='' c='' d='' e='' f='' g='' h='' i=''/></body>"));
    }

    @Test
    public void anythingButAWellFormedBodyIsABadRequest() {
        assertThrows(BodyParser.BadRequestException.class, () -> parse("<body xmlns='http://jabber.org/protocol/httpbind'>"));
        assertThrows(BodyParser.BadRequestException.class, () -> parse("<body xmlns='jabber:client'/>"));
        assertThrows(BodyParser.BadRequestException.class, () -> parse("hello"));
    }
}
