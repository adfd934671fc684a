package io.switchboard.api.routing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.dom4j.Document;
import org.dom4j.Element;
import org.dom4j.io.OutputFormat;
import org.dom4j.io.XMLWriter;
import org.dom4j.tree.DefaultElement;

/**
 * A payload rendered to XML once and then shared, read-only, by many stanzas: one published item
 * sent to N subscribers costs one serialization, not N. Transports write {@link #xml()} where they
 * meet it; everything else sees an ordinary element. It has no parent, so that many stanzas can
 * hold the same instance; do not change it after construction.
 */
public final class SharedPayload extends DefaultElement {

    private static final long serialVersionUID = 1L;

    private final String xml;
    private transient volatile byte[] utf8; // encoded when a transport first asks: most payloads never are

    /** Where {@link #write(Element, Writer, Sink)} hands the shared payloads it meets. */
    @FunctionalInterface
    public interface Sink {
        void shared(SharedPayload payload) throws IOException;
    }

    /**
     * A copy of the element, with its XML rendered as a document of its own would have it. A shared
     * payload inside it is written as it was rendered: a published item's event, shared by its
     * subscribers, holds the item's payload, shared by the event and the stored item.
     */
    public SharedPayload(Element source) {
        super(source.getQName());
        appendAttributes(source);
        appendContent(source); // a shared payload among the content is copied with its rendering
        String rendered = render(this); // this copy has no parent: it declares its own namespaces
        // in no namespace, it must say so, or it would inherit the namespace of where it is written
        this.xml = getNamespaceURI().isEmpty() && rendered.startsWith("<" + getQualifiedName())
                ? "<" + getQualifiedName() + " xmlns=\"\"" + rendered.substring(1 + getQualifiedName().length())
                : rendered;
    }

    private static String render(Element element) {
        StringWriter out = new StringWriter(512);
        try {
            write(element, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** The element as XML, rendered once. */
    public String xml() {
        return xml;
    }

    /**
     * The element as UTF-8, encoded once and then shared by every caller (a read-only view each):
     * a transport that writes bytes copies these instead of encoding the payload per recipient.
     */
    public ByteBuffer utf8() {
        byte[] bytes = utf8;
        if (bytes == null) {
            bytes = xml.getBytes(StandardCharsets.UTF_8);
            utf8 = bytes; // two threads at once encode it twice, to the same bytes
        }
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * Writes a stanza as {@link Element#asXML()} would, except that each {@code SharedPayload} in it
     * is written as it was rendered: what transports use to put stanzas on the wire.
     */
    public static void write(Element stanza, Writer out) throws IOException {
        write(stanza, out, shared -> out.write(shared.xml));
    }

    /**
     * Writes a stanza as {@link #write(Element, Writer)} does, except that each {@code SharedPayload}
     * in it goes to the sink, in its place between what is written to {@code out}: for a transport
     * that puts {@link #utf8()} there.
     */
    public static void write(Element stanza, Writer out, Sink sink) throws IOException {
        XMLWriter xmlWriter = new XMLWriter(out, new OutputFormat()) {
            @Override
            protected void writeElement(Element element) throws IOException {
                if (element instanceof SharedPayload shared && shared.xml != null) { // null: being rendered now
                    sink.shared(shared);
                } else {
                    super.writeElement(element);
                }
            }
        };
        xmlWriter.write(stanza);
        xmlWriter.flush();
    }

    @Override
    public Element getParent() {
        return null;
    }

    @Override
    public void setParent(Element parent) {
        // shared by many stanzas: it belongs to none of them
    }

    @Override
    public void setDocument(Document document) {
        // likewise
    }

    @Override
    public boolean supportsParent() {
        return false;
    }
}
