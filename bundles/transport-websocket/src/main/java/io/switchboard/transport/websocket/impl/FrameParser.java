package io.switchboard.transport.websocket.impl;

import java.io.StringReader;

import org.dom4j.Element;
import org.xml.sax.InputSource;

import io.switchboard.xmldocument.RestrictedXmlReader;
import io.switchboard.xmldocument.RestrictedXmlReader.NotWellFormedException;
import io.switchboard.xmldocument.RestrictedXmlReader.PolicyViolationException;
import io.switchboard.xmldocument.RestrictedXmlReader.RestrictedXmlException;

/**
 * Parses one WebSocket frame (one complete element, RFC 7395 3.3.3) into a dom4j element, with
 * XMPP's restrictions and limits, {@code jabber:client} elements in no namespace. Not thread-safe.
 */
final class FrameParser {

    static final String JABBER_CLIENT = RestrictedXmlReader.JABBER_CLIENT;

    private final RestrictedXmlReader reader;

    /** A parser with generous limits, for tests that are not about them. */
    FrameParser() {
        this(256, 256);
    }

    FrameParser(int maxDepth, int maxAttributes) {
        reader = new RestrictedXmlReader(maxDepth, maxAttributes, (namespace, depth) -> JABBER_CLIENT.equals(namespace));
    }

    Element parse(String frame) throws RestrictedXmlException, PolicyViolationException, NotWellFormedException {
        return reader.read(new InputSource(new StringReader(frame)));
    }
}
