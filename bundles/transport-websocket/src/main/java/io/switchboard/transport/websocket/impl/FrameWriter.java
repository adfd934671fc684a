package io.switchboard.transport.websocket.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;

import io.switchboard.api.routing.SharedPayload;

/** Turns elements into the UTF-8 text of one RFC 7395 frame. */
final class FrameWriter {

    static final String FRAMING_NS = "urn:ietf:params:xml:ns:xmpp-framing";
    static final String CLOSE = "<close xmlns=\"" + FRAMING_NS + "\"/>";

    private FrameWriter() {
    }

    /**
     * The stanza as the UTF-8 text of a frame. A stanza in no namespace (as Tinder builds them) is
     * written in {@code jabber:client}: each frame is a document of its own, so the namespace must
     * be declared on the root. A shared payload (a notification's event, most of its bytes) is
     * copied as it was encoded once, not encoded again for every recipient.
     */
    static ByteBuffer frame(Element element) {
        String namespace = element.getNamespaceURI().isEmpty() ? " xmlns=\"" + FrameParser.JABBER_CLIENT + "\"" : "";
        Utf8Frame out = new Utf8Frame(estimatedLength(element), 1 + element.getName().length(), namespace);
        try {
            SharedPayload.write(element, out, out::append);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.bytes();
    }

    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static int estimatedLength(Element element) {
        int length = 256;
        for (int i = 0; i < element.nodeCount(); i++) {
            if (element.node(i) instanceof SharedPayload shared) {
                length += shared.utf8().remaining();
            }
        }
        return length;
    }

    /**
     * A Writer into one growing UTF-8 array: text is gathered and encoded up to each shared
     * payload, whose bytes are then copied in. The root's namespace declaration, when it needs
     * one, goes into the first text, where the root's start tag is.
     */
    private static final class Utf8Frame extends Writer {
        private final StringBuilder text = new StringBuilder(256);
        private byte[] bytes;
        private int length;
        private final int insertAt;
        private String insertion;

        Utf8Frame(int capacity, int insertAt, String insertion) {
            this.bytes = new byte[capacity];
            this.insertAt = insertAt;
            this.insertion = insertion;
        }

        void append(SharedPayload shared) {
            encodeText();
            put(shared.utf8());
        }

        ByteBuffer bytes() {
            encodeText();
            return ByteBuffer.wrap(bytes, 0, length);
        }

        private void encodeText() {
            if (!insertion.isEmpty()) {
                text.insert(insertAt, insertion);
                insertion = "";
            }
            if (!text.isEmpty()) {
                put(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                text.setLength(0);
            }
        }

        private void put(ByteBuffer source) {
            int needed = length + source.remaining();
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(needed, 2 * bytes.length));
            }
            source.get(bytes, length, source.remaining());
            length = needed;
        }

        @Override
        public void write(char[] chars, int offset, int count) {
            text.append(chars, offset, count);
        }

        @Override
        public void write(String string, int offset, int count) {
            text.append(string, offset, offset + count);
        }

        @Override
        public void write(int c) {
            text.append((char) c);
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
