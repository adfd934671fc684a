package io.switchboard.cluster.impl;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.dom4j.io.SAXReader;
import org.xml.sax.SAXException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

import io.switchboard.api.routing.SharedPayload;

/**
 * What one member sends another in one message: stanzas for sessions bound there, and sessions to
 * close. A {@link SharedPayload} that several stanzas of the batch hold (a published item's event,
 * sent to many subscribers) travels once and is shared again on arrival: a published item costs one
 * rendering per member, not one per subscriber. On the wire it is an XML document:
 * <pre>{@code
 * <sb:batch xmlns:sb="urn:switchboard:cluster">
 *   <sb:shared id="0"><event xmlns="...#event">...</event></sb:shared>
 *   <sb:to jid="agent1@localhost/desktop"><message ...><sb:ref id="0"/></message></sb:to>
 *   <sb:close jid="agent2@localhost/desktop" condition="conflict"/>
 * </sb:batch>}</pre>
 */
final class Batch {

    static final String NAMESPACE = "urn:switchboard:cluster";
    private static final Namespace SB = Namespace.get("sb", NAMESPACE);
    private static final QName SHARED = QName.get("shared", SB);
    private static final QName TO = QName.get("to", SB);
    private static final QName CLOSE = QName.get("close", SB);
    private static final QName REF = QName.get("ref", SB);

    /** What a batch asks of the member that receives it, in order. */
    sealed interface Entry permits Delivery, Close {
    }

    record Delivery(JID to, Packet packet) implements Entry {
    }

    record Close(JID session, StreamError.Condition condition) implements Entry {
    }

    private final Map<SharedPayload, Integer> shared = new IdentityHashMap<>();
    private final StringBuilder payloads = new StringBuilder();
    private final StringWriter entries = new StringWriter(1024);
    private int size;

    void deliver(JID to, Packet packet) {
        entries.append("<sb:to jid=\"").append(escape(to.toString())).append("\">");
        try {
            SharedPayload.write(packet.getElement(), entries, payload -> {
                Integer id = shared.get(payload);
                if (id == null) {
                    id = shared.size();
                    shared.put(payload, id);
                    payloads.append("<sb:shared id=\"").append(id).append("\">").append(payload.xml()).append("</sb:shared>");
                }
                entries.append("<sb:ref id=\"").append(String.valueOf(id)).append("\"/>");
            });
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        entries.append("</sb:to>");
        size++;
    }

    void close(JID session, StreamError.Condition condition) {
        entries.append("<sb:close jid=\"").append(escape(session.toString())).append("\" condition=\"")
                .append(condition == null ? "" : condition.toXMPP()).append("\"/>");
        size++;
    }

    int size() {
        return size;
    }

    /** The batch as one XML document. */
    String xml() {
        return "<sb:batch xmlns:sb=\"" + NAMESPACE + "\">" + payloads + entries + "</sb:batch>";
    }

    /** Reads what another member sent: every entry, in order, with its shared payloads shared again. */
    static List<Entry> read(String xml) throws DocumentException {
        Document document = reader().read(new StringReader(xml));
        Map<String, SharedPayload> payloads = new HashMap<>();
        List<Entry> read = new ArrayList<>();
        for (Element child : document.getRootElement().elements()) {
            QName name = child.getQName();
            if (name.equals(SHARED) && !child.elements().isEmpty()) {
                payloads.put(child.attributeValue("id"), new SharedPayload(child.elements().get(0)));
            } else if (name.equals(TO) && !child.elements().isEmpty()) {
                Element stanza = child.elements().get(0);
                resolve(stanza, payloads);
                stanza.detach();
                Packet packet = packet(stanza);
                if (packet != null) {
                    read.add(new Delivery(new JID(child.attributeValue("jid")), packet));
                }
            } else if (name.equals(CLOSE)) {
                String condition = child.attributeValue("condition", "");
                read.add(new Close(new JID(child.attributeValue("jid")),
                        condition.isEmpty() ? null : StreamError.Condition.fromXMPP(condition)));
            }
        }
        return read;
    }

    /** Puts each shared payload back where its reference is. */
    private static void resolve(Element element, Map<String, SharedPayload> payloads) {
        List<org.dom4j.Node> content = element.content();
        for (int i = 0; i < content.size(); i++) {
            if (content.get(i) instanceof Element child) {
                if (child.getQName().equals(REF)) {
                    SharedPayload payload = payloads.get(child.attributeValue("id"));
                    if (payload != null) {
                        content.set(i, payload);
                    }
                } else {
                    resolve(child, payloads);
                }
            }
        }
    }

    private static Packet packet(Element stanza) {
        return switch (stanza.getName()) {
            case "message" -> new Message(stanza, true);
            case "presence" -> new Presence(stanza, true);
            case "iq" -> new IQ(stanza, true);
            default -> null;
        };
    }

    private static SAXReader reader() {
        SAXReader reader = new SAXReader();
        try {
            reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (SAXException e) {
            // a parser without the feature: members only send what this class writes
        }
        return reader;
    }

    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
