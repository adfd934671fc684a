package io.switchboard.pubsub.impl;

import java.io.StringReader;

import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.xml.sax.SAXException;

/** Item payloads as the store keeps them: the XML the service rendered when they were published. */
final class StoredPayloads {

    private StoredPayloads() {
    }

    /** Parses a stored payload; refuses DTDs, which no payload the service wrote has. */
    static Element parse(String xml) {
        try {
            SAXReader reader = new SAXReader();
            reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element payload = reader.read(new StringReader(xml)).getRootElement();
            payload.detach();
            return payload;
        } catch (DocumentException | SAXException e) {
            throw new IllegalStateException("a stored item payload is not the XML the service wrote: " + e.getMessage(), e);
        }
    }
}
