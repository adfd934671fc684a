package io.switchboard.xmldocument;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.dom4j.DocumentFactory;
import org.dom4j.Element;
import org.dom4j.io.SAXContentHandler;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Reads one complete XML document (a WebSocket frame, a BOSH body) into a dom4j element.
 * Refuses what RFC 6120 11.1 restricts (DTDs and so entity declarations, comments, processing
 * instructions), keeps to the nesting and attribute limits, and puts stanzas in no namespace, as
 * Tinder's packets expect. Not thread-safe: one per thread.
 */
public final class RestrictedXmlReader {

    public static final String JABBER_CLIENT = "jabber:client";
    private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

    /** Which elements are stanzas (to be put in no namespace), by namespace and depth (1 is the root). */
    public interface Stanzas {
        boolean isStanza(String namespace, int depth);
    }

    /** The document used XML that XMPP forbids. */
    public static final class RestrictedXmlException extends SAXException {
        private static final long serialVersionUID = 1L;

        RestrictedXmlException(String message) {
            super(message);
        }
    }

    /** The document breaks a configured limit (nesting depth, attribute count). */
    public static final class PolicyViolationException extends SAXException {
        private static final long serialVersionUID = 1L;

        PolicyViolationException(String message) {
            super(message);
        }
    }

    /** The document is not well-formed XML. */
    public static final class NotWellFormedException extends Exception {
        private static final long serialVersionUID = 1L;

        NotWellFormedException(String message) {
            super(message);
        }
    }

    private final XmppFilter filter = new XmppFilter();
    private final RestrictingLexicalHandler lexical = new RestrictingLexicalHandler();
    private final int maxDepth;
    private final int maxAttributes;
    private final Stanzas stanzas;

    /*
     * The JDK's parser is configured once, here: dom4j's SAXReader sets every feature and property
     * again before each document, which cost as much as parsing a small frame. Each document gets a
     * dom4j builder of its own, reached through the filter and the lexical handler.
     */
    public RestrictedXmlReader(int maxDepth, int maxAttributes, Stanzas stanzas) {
        this.maxDepth = maxDepth;
        this.maxAttributes = maxAttributes;
        this.stanzas = stanzas;
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader parser = factory.newSAXParser().getXMLReader();
            parser.setProperty(LEXICAL_HANDLER, lexical);
            filter.setParent(parser);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The JDK's SAX parser cannot be configured safely", e);
        }
    }

    /** The document's root element, detached, with its children. */
    public Element read(InputSource source) throws RestrictedXmlException, PolicyViolationException, NotWellFormedException {
        SAXContentHandler builder = new SAXContentHandler(DocumentFactory.getInstance());
        filter.setContentHandler(builder);
        filter.setErrorHandler(builder);
        lexical.builder = builder;
        try {
            filter.parse(source);
        } catch (RestrictedXmlException | PolicyViolationException e) {
            throw e;
        } catch (SAXException | IOException e) {
            throw new NotWellFormedException(e.getMessage());
        } finally { // the builder holds the document: not kept by this thread once read
            filter.setContentHandler(null);
            filter.setErrorHandler(null);
            lexical.builder = null;
        }
        Element root = builder.getDocument().getRootElement();
        root.detach();
        return root;
    }

    /** Maps stanzas to no namespace, refuses restricted XML and keeps to the limits. */
    private final class XmppFilter extends XMLFilterImpl {

        private int depth;

        /*
         * A prefix bound to jabber:client (<c:message xmlns:c='jabber:client'>) cannot be bound to
         * no namespace (xmlns:c="" is not XML 1.0), so its mapping is dropped along with the
         * prefix of the elements. Per prefix, whether each mapping still open was dropped.
         */
        private final Map<String, Deque<Boolean>> droppedMappings = new HashMap<>();

        @Override
        public void startDocument() throws SAXException {
            depth = 0;
            droppedMappings.clear(); // a document that failed may have left mappings open
            super.startDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            boolean drop = JABBER_CLIENT.equals(uri) && !prefix.isEmpty();
            droppedMappings.computeIfAbsent(prefix, p -> new ArrayDeque<>()).push(drop);
            if (!drop) {
                super.startPrefixMapping(prefix, JABBER_CLIENT.equals(uri) ? "" : uri);
            }
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            Deque<Boolean> dropped = droppedMappings.get(prefix);
            if (dropped == null || dropped.isEmpty() || !dropped.pop()) {
                super.endPrefixMapping(prefix);
            }
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (++depth > maxDepth) {
                throw new PolicyViolationException("elements nested deeper than " + maxDepth);
            }
            if (atts.getLength() > maxAttributes) {
                throw new PolicyViolationException("more than " + maxAttributes + " attributes on <" + localName + ">");
            }
            refuseEmptyPrefixes(qName, atts);
            try {
                if (stanzas.isStanza(uri, depth)) {
                    super.startElement("", localName, localName, atts);
                } else {
                    super.startElement(uri, localName, qName, atts);
                }
            } catch (IllegalArgumentException e) {
                // dom4j checks names again, more strictly than the JDK's parser (found by fuzzing:
                // <:message> gets through as the local name ":message"): not well-formed
                throw new SAXException(e.getMessage());
            }
        }

        /**
         * The JDK's parser lets a name with an empty prefix through ({@code <:body>}, {@code :to='…'}),
         * which no XML name may have and dom4j would copy into the stanza (found by fuzzing).
         */
        private void refuseEmptyPrefixes(String qName, Attributes atts) throws SAXException {
            if (qName.startsWith(":")) {
                throw new SAXException("not a well-formed name: " + qName);
            }
            for (int i = 0; i < atts.getLength(); i++) {
                if (atts.getQName(i).startsWith(":")) {
                    throw new SAXException("not a well-formed name: " + atts.getQName(i));
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            boolean stanza = stanzas.isStanza(uri, depth);
            depth--;
            if (stanza) {
                super.endElement("", localName, localName);
            } else {
                super.endElement(uri, localName, qName);
            }
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            throw new RestrictedXmlException("processing instructions are not allowed");
        }
    }

    /** Refuses DTDs and comments; hands the rest to the document's builder. */
    private static final class RestrictingLexicalHandler implements LexicalHandler {

        LexicalHandler builder;

        @Override
        public void startDTD(String name, String publicId, String systemId) throws SAXException {
            throw new RestrictedXmlException("document type declarations are not allowed");
        }

        @Override
        public void endDTD() throws SAXException {
            builder.endDTD();
        }

        @Override
        public void startEntity(String name) throws SAXException {
            builder.startEntity(name);
        }

        @Override
        public void endEntity(String name) throws SAXException {
            builder.endEntity(name);
        }

        @Override
        public void startCDATA() throws SAXException {
            builder.startCDATA();
        }

        @Override
        public void endCDATA() throws SAXException {
            builder.endCDATA();
        }

        @Override
        public void comment(char[] ch, int start, int length) throws SAXException {
            throw new RestrictedXmlException("comments are not allowed");
        }
    }
}
