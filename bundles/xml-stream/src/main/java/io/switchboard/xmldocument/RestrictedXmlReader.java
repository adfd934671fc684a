package io.switchboard.xmldocument;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
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

    private final SAXReader reader;
    private final int maxDepth;
    private final int maxAttributes;
    private final Stanzas stanzas;

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
            XMLReader xmlReader = factory.newSAXParser().getXMLReader();
            reader = new SAXReader(xmlReader);
            reader.setXMLFilter(new XmppFilter());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The JDK's SAX parser cannot be configured safely", e);
        }
    }

    /** The document's root element, detached, with its children. */
    public Element read(InputSource source) throws RestrictedXmlException, PolicyViolationException, NotWellFormedException {
        try {
            Document document = reader.read(source);
            Element root = document.getRootElement();
            root.detach();
            return root;
        } catch (DocumentException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof RestrictedXmlException restricted) {
                    throw restricted;
                }
                if (cause instanceof PolicyViolationException violation) {
                    throw violation;
                }
            }
            throw new NotWellFormedException(e.getMessage());
        }
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
            if (stanzas.isStanza(uri, depth)) {
                super.startElement("", localName, localName, atts);
            } else {
                super.startElement(uri, localName, qName, atts);
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

        /*
         * dom4j sets its properties again before every document, among them SAX 1's lexical handler
         * name, which the JDK's parser refuses with a new exception and a message looked up in a
         * resource bundle each time: a third of a small frame's parse. A name refused once is
         * refused again with the exception kept from the first time (dom4j ignores it).
         */
        private final Map<String, SAXNotRecognizedException> refused = new HashMap<>();

        @Override
        public void setProperty(String name, Object value) throws SAXNotRecognizedException, SAXNotSupportedException {
            SAXNotRecognizedException known = refused.get(name);
            if (known != null) {
                throw known;
            }
            if (LEXICAL_HANDLER.equals(name) && value instanceof LexicalHandler handler) {
                value = new RestrictingLexicalHandler(handler);
            }
            try {
                super.setProperty(name, value);
            } catch (SAXNotRecognizedException e) {
                refused.put(name, e);
                throw e;
            }
        }
    }

    private record RestrictingLexicalHandler(LexicalHandler delegate) implements LexicalHandler {

        @Override
        public void startDTD(String name, String publicId, String systemId) throws SAXException {
            throw new RestrictedXmlException("document type declarations are not allowed");
        }

        @Override
        public void endDTD() throws SAXException {
            delegate.endDTD();
        }

        @Override
        public void startEntity(String name) throws SAXException {
            delegate.startEntity(name);
        }

        @Override
        public void endEntity(String name) throws SAXException {
            delegate.endEntity(name);
        }

        @Override
        public void startCDATA() throws SAXException {
            delegate.startCDATA();
        }

        @Override
        public void endCDATA() throws SAXException {
            delegate.endCDATA();
        }

        @Override
        public void comment(char[] ch, int start, int length) throws SAXException {
            throw new RestrictedXmlException("comments are not allowed");
        }
    }
}
