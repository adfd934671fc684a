package io.switchboard.transport.websocket.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

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
     * frame is a document of its own, so the namespace must be declared on the root. Written into a
     * buffer sized for the shared payloads it holds: a notification is mostly its event, copied once.
     */
    static String frame(Element element) {
        StringBuilder xml = new StringBuilder(estimatedLength(element));
        try {
            SharedPayload.write(element, new BuilderWriter(xml));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        if (element.getNamespaceURI().isEmpty()) {
            xml.insert(1 + element.getName().length(), " xmlns=\"" + FrameParser.JABBER_CLIENT + "\"");
        }
        return xml.toString();
    }

    private static int estimatedLength(Element element) {
        int length = 256;
        for (int i = 0; i < element.nodeCount(); i++) {
            if (element.node(i) instanceof SharedPayload shared) {
                length += shared.xml().length();
            }
        }
        return length;
    }

    /** A Writer into a StringBuilder: StringWriter's buffer is a synchronized StringBuffer. */
    private static final class BuilderWriter extends Writer {
        private final StringBuilder out;

        BuilderWriter(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            out.append(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            out.append(text, offset, offset + length);
        }

        @Override
        public void write(int c) {
            out.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
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
