package io.switchboard.transport.bosh.impl;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dom4j.Element;

import io.switchboard.api.routing.SharedPayload;

/** Writes response bodies: the {@code <body/>} wrapper and the elements it carries. */
final class BodyWriter {

    static final String STREAMS_NS = "http://etherx.jabber.org/streams";
    /** The version of XEP-0124 spoken. */
    static final String VERSION = "1.11";

    private BodyWriter() {
    }

    /**
     * One element as it goes inside the wrapper. A stanza in no namespace (as Tinder builds them)
     * is written in {@code jabber:client}, declared on it, since the wrapper's default namespace is
     * httpbind's.
     */
    static String element(Element element) {
        StringWriter out = new StringWriter(256);
        try {
            SharedPayload.write(element, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        String xml = out.toString();
        if (!element.getNamespaceURI().isEmpty()) {
            return xml;
        }
        int nameEnd = 1 + element.getName().length();
        return xml.substring(0, nameEnd) + " xmlns=\"" + BodyParser.JABBER_CLIENT + "\"" + xml.substring(nameEnd);
    }

    /** A {@code <body/>} with these attributes (in order; a {@code xmpp:} prefix is XEP-0206's) around these elements. */
    static String body(Map<String, String> attributes, List<String> elements) {
        StringBuilder xml = new StringBuilder(128 + elements.stream().mapToInt(String::length).sum());
        xml.append("<body xmlns=\"").append(BodyParser.HTTPBIND)
                .append("\" xmlns:xmpp=\"").append(BodyParser.XBOSH)
                .append("\" xmlns:stream=\"").append(STREAMS_NS).append('"');
        attributes.forEach((name, value) -> {
            if (value != null) {
                xml.append(' ').append(name).append("=\"").append(escape(value)).append('"');
            }
        });
        if (elements.isEmpty()) {
            return xml.append("/>").toString();
        }
        xml.append('>');
        elements.forEach(xml::append);
        return xml.append("</body>").toString();
    }

    /** The attributes of the session creation response: the session's terms, and the stream's from and id. */
    static Map<String, String> creationAttributes(String sid, BoshSession.Terms terms, String from, String authId) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sid", sid);
        attributes.put("wait", String.valueOf(terms.waitSeconds()));
        attributes.put("hold", String.valueOf(terms.hold()));
        attributes.put("requests", String.valueOf(terms.requests()));
        attributes.put("inactivity", String.valueOf(terms.inactivitySeconds()));
        attributes.put("polling", String.valueOf(terms.pollingSeconds()));
        attributes.put("ver", VERSION);
        attributes.put("from", from);
        attributes.put("authid", authId);
        attributes.put("xmpp:version", "1.0");
        attributes.put("xmpp:restartlogic", "true");
        return attributes;
    }

    /** {@code <body type='terminate' condition='...'/>} (no condition for a clean end). */
    static String terminate(String condition, List<String> elements) {
        return body(condition == null ? Map.of("type", "terminate") : orderedTerminate(condition), elements);
    }

    private static Map<String, String> orderedTerminate(String condition) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("type", "terminate");
        attributes.put("condition", condition);
        return attributes;
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
