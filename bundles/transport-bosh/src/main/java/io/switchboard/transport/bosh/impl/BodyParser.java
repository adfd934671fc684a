package io.switchboard.transport.bosh.impl;

import java.io.ByteArrayInputStream;

import org.dom4j.Element;
import org.xml.sax.InputSource;

import io.switchboard.xmldocument.RestrictedXmlReader;
import io.switchboard.xmldocument.RestrictedXmlReader.NotWellFormedException;
import io.switchboard.xmldocument.RestrictedXmlReader.PolicyViolationException;
import io.switchboard.xmldocument.RestrictedXmlReader.RestrictedXmlException;

/**
 * Parses one request body, {@code <body xmlns='http://jabber.org/protocol/httpbind'>} and the
 * elements it wraps, into a dom4j element, with XMPP's restrictions and limits; the stanzas, in
 * {@code jabber:client} or in the wrapper's namespace by default, in no namespace, as Tinder's
 * packets expect. Not thread-safe: one per thread.
 */
final class BodyParser {

    static final String HTTPBIND = "http://jabber.org/protocol/httpbind";
    static final String XBOSH = "urn:xmpp:xbosh";
    static final String JABBER_CLIENT = RestrictedXmlReader.JABBER_CLIENT;

    /** Not well-formed XML, or not a BOSH {@code <body/>}. */
    static final class BadRequestException extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequestException(String message) {
            super(message);
        }
    }

    private final RestrictedXmlReader reader;

    BodyParser(int maxDepth, int maxAttributes) {
        // the <body/> wrapper is not part of any stanza; inside it, what inherits its namespace is a stanza
        reader = new RestrictedXmlReader(maxDepth + 1, maxAttributes,
                (namespace, depth) -> JABBER_CLIENT.equals(namespace) || depth > 1 && HTTPBIND.equals(namespace));
    }

    /** The {@code <body/>} element, detached, with its children. Bytes in UTF-8 (or as the XML declaration says). */
    Element parse(byte[] body) throws RestrictedXmlException, PolicyViolationException, BadRequestException {
        Element root;
        try {
            root = reader.read(new InputSource(new ByteArrayInputStream(body)));
        } catch (NotWellFormedException e) {
            throw new BadRequestException("not well-formed: " + e.getMessage());
        }
        if (!"body".equals(root.getName()) || !HTTPBIND.equals(root.getNamespaceURI())) {
            throw new BadRequestException("the request is not a <body xmlns='" + HTTPBIND + "'/>");
        }
        return root;
    }
}
