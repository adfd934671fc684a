package io.switchboard.eventsource.http.impl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * The events a request body carries: one event, or several. JSON: an object, an array of objects,
 * or {@code {"events": [...]}}. XML: {@code <event>}, or {@code <events>} holding {@code <event>}s.
 * Strict parsing: a body that is not exactly one well-formed document is refused whole.
 */
final class RequestBody {

    private RequestBody() {
    }

    static List<Fields> json(byte[] body) throws BadEvent {
        JsonElement root;
        try (JsonReader reader = new JsonReader(new StringReader(utf8(body)))) {
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw BadEvent.badRequest("(body)", "malformed JSON: more after the document");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw BadEvent.badRequest("(body)", "malformed JSON: " + e.getMessage());
        }
        if (root.isJsonObject() && root.getAsJsonObject().has("events")) {
            JsonElement events = root.getAsJsonObject().get("events");
            if (!events.isJsonArray()) {
                throw BadEvent.badRequest("events", "field 'events' must be an array");
            }
            return array(events, "events");
        }
        if (root.isJsonArray()) {
            return array(root, "");
        }
        if (root.isJsonObject()) {
            return List.of(Fields.of(root.getAsJsonObject(), ""));
        }
        throw BadEvent.badRequest("(body)", "the body must be an event object or an array of them");
    }

    private static List<Fields> array(JsonElement array, String name) throws BadEvent {
        List<Fields> events = new ArrayList<>();
        for (JsonElement element : array.getAsJsonArray()) {
            String path = name + "[" + events.size() + "]";
            if (!element.isJsonObject()) {
                throw BadEvent.badRequest(path, "'" + path + "' must be an event object");
            }
            events.add(Fields.of(element.getAsJsonObject(), path));
        }
        return events;
    }

    static List<Fields> xml(byte[] body) throws BadEvent {
        Element root;
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException exception) {
                }

                @Override
                public void error(SAXParseException exception) throws SAXException {
                    throw exception;
                }

                @Override
                public void fatalError(SAXParseException exception) throws SAXException {
                    throw exception;
                }
            });
            root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXParseException e) {
            throw BadEvent.badRequest("(body)", "malformed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw BadEvent.badRequest("(body)", "malformed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        if (root.getLocalName().equals("event")) {
            return List.of(Fields.of(root, ""));
        }
        if (root.getLocalName().equals("events")) {
            List<Fields> events = new ArrayList<>();
            for (Element child : Fields.children(root)) {
                String path = "events[" + events.size() + "]";
                if (!child.getLocalName().equals("event")) {
                    throw BadEvent.badRequest(path, "'" + path + "' must be an <event>, not <" + child.getLocalName() + ">");
                }
                events.add(Fields.of(child, path));
            }
            return events;
        }
        throw BadEvent.badRequest("(root)", "the root element must be <event> or <events>, not <" + root.getLocalName() + ">");
    }

    /** The JDK's own parser (not one a bundle's class path might offer), with no DTDs and no entities. */
    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static String utf8(byte[] body) throws BadEvent {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw BadEvent.badRequest("(body)", "malformed JSON: not UTF-8");
        }
    }
}
