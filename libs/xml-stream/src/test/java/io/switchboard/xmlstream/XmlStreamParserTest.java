package io.switchboard.xmlstream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.StreamError;

public class XmlStreamParserTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0' xml:lang='en'>";

    private final List<String> events = new ArrayList<>();
    private final List<Element> elements = new ArrayList<>();
    private static final XmlStreamParser.Limits LIMITS = new XmlStreamParser.Limits(1000, 8, 16);
    private XmlStreamParser parser = parser(LIMITS);

    private XmlStreamParser parser(XmlStreamParser.Limits limits) {
        return new XmlStreamParser(XmlStreamParser.newFactory(), XmlStreamParser.JABBER_CLIENT, new XmlStreamParser.Listener() {
            @Override
            public void streamOpened(String to, String version, String lang) {
                events.add("open " + to + " " + version + " " + lang);
            }

            @Override
            public void element(Element element) {
                elements.add(element);
                events.add("element " + element.getName());
            }

            @Override
            public void streamClosed() {
                events.add("close");
            }
        }, limits);
    }

    private void feed(String text) throws XmlStreamParser.Violation {
        feed(text.getBytes(StandardCharsets.UTF_8));
    }

    private void feed(byte[] bytes) throws XmlStreamParser.Violation {
        parser.feed(bytes, 0, bytes.length);
    }

    /** Opens a fresh stream and sends this text in it: the condition that ends it. */
    private StreamError.Condition violation(String text) {
        parser = parser(LIMITS);
        try {
            feed(HEADER);
            feed(text);
            fail("no violation for " + text);
            return null;
        } catch (XmlStreamParser.Violation e) {
            return e.condition;
        }
    }

    @Test
    public void elementsArriveWhateverTheByteBoundaries() throws Exception {
        String stream = HEADER + "<message to='a@example.com'><body>h\u00e9llo</body></message> \n"
                + "<iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq></stream:stream>";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) { // one byte at a time, splitting even the two-byte é
            parser.feed(bytes, i, 1);
        }
        assertEquals(List.of("open example.com 1.0 en", "element message", "element iq", "close"), events);
        Element message = elements.get(0);
        assertEquals("", message.getNamespaceURI());
        assertEquals("h\u00e9llo", message.elementText("body"));
        Element ping = elements.get(1).element("ping");
        assertEquals("urn:xmpp:ping", ping.getNamespaceURI());
    }

    @Test
    public void nonzasKeepTheirNamespaceAndPrefixedJabberClientIsNoNamespace() throws Exception {
        feed(HEADER + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGEAYg==</auth>"
                + "<c:message xmlns:c='jabber:client' to='b@example.com'/>");
        assertEquals("urn:ietf:params:xml:ns:xmpp-sasl", elements.get(0).getNamespaceURI());
        assertEquals("AGEAYg==", elements.get(0).getText());
        assertEquals("", elements.get(1).getNamespaceURI());
        assertEquals("message", elements.get(1).getName());
        assertEquals("<message to=\"b@example.com\"/>", elements.get(1).asXML());
    }

    @Test
    public void whitespaceKeepalivesAreAcceptedForever() throws Exception {
        parser = parser(new XmlStreamParser.Limits(100, 8, 16));
        feed(HEADER);
        for (int i = 0; i < 1000; i++) {
            feed(" ");
        }
        feed("<presence/>");
        assertEquals("element presence", events.get(events.size() - 1));
    }

    @Test
    public void theRootMustBeAStreamInTheStreamsNamespaceOverJabberClient() {
        assertEquals(StreamError.Condition.invalid_namespace, openWith("<stream:stream xmlns='jabber:client' "
                + "xmlns:stream='http://example.com/streams' version='1.0'>"));
        assertEquals(StreamError.Condition.invalid_namespace, openWith("<stream:stream xmlns='jabber:server' "
                + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"));
        assertEquals(StreamError.Condition.invalid_namespace, openWith("<message xmlns='jabber:client'/>"));
    }

    private StreamError.Condition openWith(String header) {
        try {
            parser(new XmlStreamParser.Limits(1000, 8, 16)).feed(header.getBytes(StandardCharsets.UTF_8), 0, header.length());
            fail("accepted " + header);
            return null;
        } catch (XmlStreamParser.Violation e) {
            return e.condition;
        }
    }

    @Test
    public void restrictedXmlIsRefused() {
        assertEquals(StreamError.Condition.restricted_xml, violation("<!-- a comment -->"));
        assertEquals(StreamError.Condition.restricted_xml, violation("<message><?pi data?></message>"));
        assertEquals(StreamError.Condition.not_well_formed, violation("<message>&undeclared;</message>"));
    }

    /** Found by XmlStreamParserFuzzTest: Aalto threw a bare RuntimeException for these names. */
    @Test
    public void anElementNamedWithTheXmlnsPrefixIsNotWellFormed() {
        assertEquals(StreamError.Condition.not_well_formed, violation("<xmlns:message/>"));
        assertEquals(StreamError.Condition.not_well_formed, violation("<message><xmlns:body/></message>"));
    }

    @Test
    public void aDoctypeInsideTheStreamIsRestrictedXml() {
        assertEquals(StreamError.Condition.restricted_xml, violation("<!DOCTYPE lol [<!ENTITY lol 'lol'>]><message>&lol;</message>"));
        assertEquals(StreamError.Condition.restricted_xml, violation("<message><!ENTITY lol 'lol'></message>"));
    }

    @Test
    public void aDoctypeBeforeTheStreamIsRestrictedXml() throws Exception {
        String laughs = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]>" + HEADER.substring(21) + "&lol2;";
        try {
            feed(laughs);
            fail("a DTD was accepted");
        } catch (XmlStreamParser.Violation e) {
            assertEquals(StreamError.Condition.restricted_xml, e.condition);
        }
        assertTrue(events.isEmpty());
    }

    @Test
    public void brokenXmlIsNotWellFormed() {
        assertEquals(StreamError.Condition.not_well_formed, violation("<message><body>unclosed</message>"));
        assertEquals(StreamError.Condition.not_well_formed, violation("<message><body></message></body>"));
        assertEquals(StreamError.Condition.not_well_formed, violation("<x:message/>"));
    }

    @Test
    public void invalidUtf8IsAnEncodingError() throws Exception {
        feed(HEADER);
        try {
            feed(new byte[] {'<', 'm', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'm', '>'});
            fail("invalid UTF-8 accepted");
        } catch (XmlStreamParser.Violation e) {
            assertEquals(StreamError.Condition.unsupported_encoding, e.condition);
        }
        parser = parser(LIMITS);
        feed(HEADER);
        try { // in a text node that is only decoded when read
            feed("<message><body>caf".getBytes(StandardCharsets.UTF_8));
            feed(new byte[] {(byte) 0xC3, (byte) 0x28, '<', '/', 'b', 'o', 'd', 'y', '>'});
            fail("invalid UTF-8 accepted");
        } catch (XmlStreamParser.Violation e) {
            assertEquals(StreamError.Condition.unsupported_encoding, e.condition);
        }
    }

    @Test
    public void anotherEncodingIsUnsupported() {
        try {
            feed("<?xml version='1.0' encoding='ISO-8859-1'?>" + HEADER.substring(21));
            fail("ISO-8859-1 accepted");
        } catch (XmlStreamParser.Violation e) {
            assertEquals(StreamError.Condition.unsupported_encoding, e.condition);
        }
    }

    @Test
    public void textBetweenStanzasIsBadFormat() {
        assertEquals(StreamError.Condition.bad_format, violation("hello"));
    }

    @Test
    public void limitsArePolicyViolations() throws Exception {
        assertEquals(StreamError.Condition.policy_violation, violation("<message><body>" + "x".repeat(2000) + "</body></message>"));
        assertEquals(StreamError.Condition.policy_violation, violation("<m>" + "<x>".repeat(8) + "</x>".repeat(8) + "</m>"));
        StringBuilder attributes = new StringBuilder("<message");
        for (int i = 0; i < 17; i++) {
            attributes.append(" a").append(i).append("='v'");
        }
        assertEquals(StreamError.Condition.policy_violation, violation(attributes + "/>"));
    }

    @Test
    public void theSizeLimitCountsOneStanzaNotTheStream() throws Exception {
        feed(HEADER);
        for (int i = 0; i < 20; i++) { // 20 stanzas of ~500 bytes: 10 kB in all, each under the 1000-byte limit
            feed("<message><body>" + "x".repeat(480) + "</body></message>");
        }
        assertEquals(21, events.size());
        // an oversized stanza is caught while it arrives, before it is complete
        try {
            feed("<message><body>" + "x".repeat(1200));
            fail("an oversized stanza in the making was accepted");
        } catch (XmlStreamParser.Violation e) {
            assertEquals(StreamError.Condition.policy_violation, e.condition);
        }
    }

    @Test
    public void nothingIsReadAfterStop() throws Exception {
        feed(HEADER + "<presence/>");
        parser.stop();
        feed("<message/> this is not even XML <<<");
        assertEquals(2, events.size());
    }
}
