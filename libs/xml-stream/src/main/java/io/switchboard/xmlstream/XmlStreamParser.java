package io.switchboard.xmlstream;

import java.util.ArrayDeque;
import java.util.Deque;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.xmpp.packet.StreamError;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;

/**
 * Parses one XML stream (RFC 6120 4) as its bytes arrive, in whatever pieces the network delivers
 * them, without a thread waiting on the socket: Aalto's non-blocking parser is fed each piece and
 * says when it needs more. The stream header, each complete top-level element (as a dom4j element,
 * the stream's default namespace, such as {@code jabber:client}, mapped to no namespace as Tinder
 * expects) and the stream's end go to a
 * {@link Listener}. Restricted XML and broken limits end the stream with the matching error.
 * Not thread-safe: one per connection, fed on its event loop.
 */
public final class XmlStreamParser {

    public static final String STREAMS_NS = "http://etherx.jabber.org/streams";
    public static final String JABBER_CLIENT = "jabber:client";
    public static final String JABBER_COMPONENT = "jabber:component:accept";

    /** What the parser found, in the order the bytes carried it. */
    public interface Listener {
        void streamOpened(String to, String version, String lang);

        void element(Element element);

        void streamClosed();
    }

    /** The bytes broke RFC 6120 or a limit: the stream ends with this error. */
    public static final class Violation extends Exception {
        private static final long serialVersionUID = 1L;

        public final transient StreamError.Condition condition;

        Violation(StreamError.Condition condition, String text) {
            super(text);
            this.condition = condition;
        }
    }

    /** The limits on what a client may send, each a {@code policy-violation} when broken. */
    public record Limits(int maxStanzaBytes, int maxDepth, int maxAttributes) {
    }

    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private final String defaultNamespace;
    private final Listener listener;
    private final Limits limits;
    private final Deque<Element> open = new ArrayDeque<>();
    /** The bytes before the stream header, to tell a DOCTYPE (which Aalto reports as a syntax error) apart. */
    private final StringBuilder prolog = new StringBuilder();
    private boolean streamOpen;
    private boolean stopped;
    private long fed;
    /** Byte offset where the element being read began, or where the last one ended. */
    private long boundary;

    /**
     * @param defaultNamespace what the stream header must declare as its default namespace:
     *        {@code jabber:client} for clients, {@code jabber:component:accept} for components
     */
    public XmlStreamParser(AsyncXMLInputFactory factory, String defaultNamespace, Listener listener, Limits limits) {
        this.reader = factory.createAsyncForByteArray();
        this.defaultNamespace = defaultNamespace;
        this.listener = listener;
        this.limits = limits;
    }

    /** Parses these bytes, calling the listener for everything they complete. */
    public void feed(byte[] bytes, int offset, int length) throws Violation {
        if (stopped) {
            return;
        }
        if (!streamOpen) {
            refuseDoctype(bytes, offset, length);
        }
        try {
            reader.getInputFeeder().feedInput(bytes, offset, length);
            fed += length;
            int event;
            while (!stopped && (event = next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                handle(event);
            }
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        } catch (RuntimeException e) {
            // text is decoded lazily, in getText(), which may only throw unchecked exceptions
            if (e.getCause() instanceof XMLStreamException cause) {
                throw notWellFormed(cause);
            }
            throw e;
        }
        if (!stopped && fed - boundary > limits.maxStanzaBytes()) {
            throw policy("a stanza may have at most " + limits.maxStanzaBytes() + " bytes");
        }
    }

    /** Ignores every byte from now on: the stream restarts with a new parser, or has ended. */
    public void stop() {
        stopped = true;
    }

    /**
     * Aalto's next event. Aalto refuses some bytes with an unchecked exception instead of an
     * XMLStreamException (an element named xmlns:stream, found by fuzzing): from Aalto alone, these
     * too mean the bytes are not well-formed, so that they end the stream like any other such bytes.
     */
    private int next() throws XMLStreamException {
        try {
            return reader.next();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof XMLStreamException cause) {
                throw cause;
            }
            throw new XMLStreamException(e.getMessage(), e);
        }
    }

    private void refuseDoctype(byte[] bytes, int offset, int length) throws Violation {
        prolog.append(new String(bytes, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1));
        if (prolog.indexOf("<!DOCTYPE") >= 0) {
            throw restricted("document type declarations are not allowed");
        }
    }

    private void handle(int event) throws Violation, XMLStreamException {
        switch (event) {
            case XMLStreamConstants.START_DOCUMENT -> checkEncoding();
            case XMLStreamConstants.START_ELEMENT -> startElement();
            case XMLStreamConstants.END_ELEMENT -> endElement();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text();
            case XMLStreamConstants.COMMENT -> throw restricted("comments are not allowed");
            case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw restricted("processing instructions are not allowed");
            case XMLStreamConstants.DTD -> throw restricted("document type declarations are not allowed");
            // with DTDs refused, no entity can have been declared: referring to one is not well-formed
            case XMLStreamConstants.ENTITY_REFERENCE -> throw new Violation(StreamError.Condition.not_well_formed,
                    "undeclared entity &" + reader.getLocalName() + ";");
            case XMLStreamConstants.END_DOCUMENT -> stopped = true;
            default -> { }
        }
    }

    private void checkEncoding() throws Violation {
        String encoding = reader.getCharacterEncodingScheme();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw new Violation(StreamError.Condition.unsupported_encoding, "XMPP is UTF-8, not " + encoding);
        }
    }

    private void startElement() throws Violation, XMLStreamException {
        if (reader.getAttributeCount() > limits.maxAttributes()) {
            throw policy("more than " + limits.maxAttributes() + " attributes on <" + reader.getLocalName() + ">");
        }
        if (!streamOpen) {
            openStream();
            return;
        }
        if (open.size() >= limits.maxDepth()) {
            throw policy("elements nested deeper than " + limits.maxDepth());
        }
        if (open.isEmpty()) {
            boundary = reader.getLocationInfo().getStartingByteOffset();
        }
        try {
            open.push(element());
        } catch (IllegalArgumentException e) {
            // dom4j checks names again, more strictly than Aalto (found by fuzzing: an attribute
            // xml:2versionlang after a byte that is not UTF-8): such a name is not well-formed
            throw new Violation(StreamError.Condition.not_well_formed, e.getMessage());
        }
    }

    /** The element that starts here, as a child of the one open, with its namespaces and attributes. */
    private Element element() {
        String uri = reader.getNamespaceURI();
        QName name = uri == null || uri.isEmpty() || uri.equals(defaultNamespace)
                ? QName.get(reader.getLocalName())
                : QName.get(reader.getLocalName(), emptyIfNull(reader.getPrefix()), uri);
        Element element = open.isEmpty() ? DocumentHelper.createElement(name) : open.peek().addElement(name);
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = emptyIfNull(reader.getNamespacePrefix(i));
            String declared = emptyIfNull(reader.getNamespaceURI(i));
            if (!prefix.isEmpty() && !declared.equals(defaultNamespace)) {
                element.addNamespace(prefix, declared); // kept for attribute values that name prefixes
            }
        }
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String attributeUri = emptyIfNull(reader.getAttributeNamespace(i));
            QName attribute = attributeUri.isEmpty()
                    ? QName.get(reader.getAttributeLocalName(i))
                    : QName.get(reader.getAttributeLocalName(i), Namespace.get(emptyIfNull(reader.getAttributePrefix(i)), attributeUri));
            element.addAttribute(attribute, reader.getAttributeValue(i));
        }
        return element;
    }

    /** RFC 6120 4.8: the root is {@code <stream:stream>} in the streams namespace, over the right default namespace. */
    private void openStream() throws Violation, XMLStreamException {
        if (!"stream".equals(reader.getLocalName()) || !STREAMS_NS.equals(reader.getNamespaceURI())) {
            throw new Violation(StreamError.Condition.invalid_namespace,
                    "a stream starts with <stream:stream xmlns:stream='" + STREAMS_NS + "'>");
        }
        String declaredDefault = reader.getNamespaceContext().getNamespaceURI("");
        if (!defaultNamespace.equals(declaredDefault)) {
            throw new Violation(StreamError.Condition.invalid_namespace, "the default namespace must be " + defaultNamespace);
        }
        streamOpen = true;
        prolog.setLength(0);
        boundary = reader.getLocationInfo().getEndingByteOffset();
        listener.streamOpened(reader.getAttributeValue(null, "to"), reader.getAttributeValue(null, "version"),
                reader.getAttributeValue(javax.xml.XMLConstants.XML_NS_URI, "lang"));
    }

    private void endElement() throws Violation, XMLStreamException {
        if (open.isEmpty()) {
            stopped = true;
            listener.streamClosed();
            return;
        }
        Element element = open.pop();
        if (open.isEmpty()) {
            long end = reader.getLocationInfo().getEndingByteOffset();
            if (end - boundary > limits.maxStanzaBytes()) {
                throw policy("a stanza may have at most " + limits.maxStanzaBytes() + " bytes");
            }
            boundary = end;
            listener.element(element);
        }
    }

    private void text() throws Violation, XMLStreamException {
        if (!open.isEmpty()) {
            open.peek().addText(reader.getText());
        } else if (!reader.isWhiteSpace()) {
            throw new Violation(StreamError.Condition.bad_format, "text between stanzas");
        } else {
            boundary = reader.getLocationInfo().getEndingByteOffset(); // a whitespace keepalive
        }
    }

    /**
     * Invalid UTF-8 is an encoding problem (RFC 6120 4.9.3.22); a markup declaration ({@code <!DOCTYPE},
     * {@code <!ENTITY}) inside the stream is restricted XML; anything else is not well-formed.
     */
    private static Violation notWellFormed(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("UTF-8") || message.contains("Invalid UTF")) {
            return new Violation(StreamError.Condition.unsupported_encoding, "the stream is not valid UTF-8");
        }
        if (message.contains("expected either '-' for COMMENT or '[CDATA[' for CDATA")) {
            return restricted("markup declarations are not allowed");
        }
        return new Violation(StreamError.Condition.not_well_formed, null);
    }

    private static Violation restricted(String text) {
        return new Violation(StreamError.Condition.restricted_xml, text);
    }

    private static Violation policy(String text) {
        return new Violation(StreamError.Condition.policy_violation, text);
    }

    private static String emptyIfNull(String value) {
        return value == null ? "" : value;
    }

    /** A factory for these parsers: no external entities. Thread-safe; one per transport. */
    public static AsyncXMLInputFactory newFactory() {
        AsyncXMLInputFactory factory = new InputFactoryImpl();
        // a DOCTYPE is parsed only to be refused as restricted XML; its entities are never expanded
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }
}
