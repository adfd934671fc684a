package io.switchboard.core.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.Packet;

/** Building elements from text, and reading RFC 6120 errors out of what was sent. */
final class Xml {

    static final String STREAMS = "http://etherx.jabber.org/streams";
    static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    private Xml() {
    }

    /**
     * An element as a transport hands it to the pipeline: stanzas in no namespace (a parser maps
     * {@code jabber:client} away), everything else in its own namespace.
     */
    static Element xml(String text) {
        try {
            Element root = DocumentHelper.parseText(text).getRootElement();
            root.detach();
            return root;
        } catch (DocumentException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The defined condition of a {@code <stream:error/>}, after checking that it is one. */
    static String streamErrorCondition(Element error) {
        assertEquals("a stream error: " + error.asXML(), "error", error.getName());
        assertEquals(STREAMS, error.getNamespaceURI());
        for (Element child : error.elements()) {
            if (STREAM_ERRORS.equals(child.getNamespaceURI()) && !"text".equals(child.getName())) {
                return child.getName();
            }
        }
        throw new AssertionError("no defined condition in " + error.asXML());
    }

    /** The defined condition of a stanza of type error, after checking that it is one. */
    static String stanzaErrorCondition(Packet packet) {
        return stanzaErrorCondition(packet.getElement());
    }

    static String stanzaErrorCondition(Element stanza) {
        assertEquals("an error stanza: " + stanza.asXML(), "error", stanza.attributeValue("type"));
        Element error = stanza.element("error");
        assertNotNull("an <error/> child: " + stanza.asXML(), error);
        for (Element child : error.elements()) {
            if (STANZA_ERRORS.equals(child.getNamespaceURI()) && !"text".equals(child.getName())) {
                return child.getName();
            }
        }
        throw new AssertionError("no defined condition in " + stanza.asXML());
    }
}
