package io.switchboard.transport.websocket.impl;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;

import io.switchboard.api.routing.SharedPayload;

/** Turns elements into the text of one RFC 7395 frame. */
final class FrameWriter {

    static final String FRAMING_NS = "urn:ietf:params:xml:ns:xmpp-framing";
    static final String CLOSE = "<close xmlns=\"" + FRAMING_NS + "\"/>";

    private FrameWriter() {
    }

    /**
     * A stanza in no namespace (as Tinder builds them) is written in {@code jabber:client}: each
     * frame is a document of its own, so the namespace must be declared on the root.
     */
    static String frame(Element element) {
        String xml = render(element);
        if (!element.getNamespaceURI().isEmpty()) {
            return xml;
        }
        int nameEnd = 1 + element.getName().length();
        return xml.substring(0, nameEnd) + " xmlns=\"" + FrameParser.JABBER_CLIENT + "\"" + xml.substring(nameEnd);
    }

    private static String render(Element element) {
        StringWriter out = new StringWriter(256);
        try {
            SharedPayload.write(element, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    static String open(String from, String streamId, String version, String lang) {
        Element open = DocumentHelper.createElement(QName.get("open", FRAMING_NS));
        open.addAttribute("from", from);
        open.addAttribute("id", streamId);
        open.addAttribute("version", version);
        open.addAttribute(QName.get("lang", Namespace.XML_NAMESPACE), lang);
        return open.asXML();
    }
}
