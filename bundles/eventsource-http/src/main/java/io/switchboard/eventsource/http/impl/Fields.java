package io.switchboard.eventsource.http.impl;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * One event's fields as the request carried them, a JSON object or an XML element alike, with its
 * place in the request so errors can name the field.
 */
abstract class Fields {

    private final String path;

    Fields(String path) {
        this.path = path;
    }

    /** Where a field of this event is, e.g. {@code events[1].state}, or {@code state} for a lone event. */
    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The field's value as text, null when it is missing or null. */
    abstract String text(String name) throws BadEvent;

    /** The nested object, null when missing. */
    abstract Fields object(String name) throws BadEvent;

    static Fields of(JsonObject object, String path) {
        return new Fields(path) {
            @Override
            String text(String name) throws BadEvent {
                JsonElement value = object.get(name);
                if (value == null || value.isJsonNull()) {
                    return null;
                }
                if (!value.isJsonPrimitive()) {
                    throw BadEvent.badRequest(path(name), "field '" + path(name) + "' must be a string, number or boolean");
                }
                return value.getAsString();
            }

            @Override
            Fields object(String name) throws BadEvent {
                JsonElement value = object.get(name);
                if (value == null || value.isJsonNull()) {
                    return null;
                }
                if (!value.isJsonObject()) {
                    throw BadEvent.badRequest(path(name), "field '" + path(name) + "' must be an object");
                }
                return of(value.getAsJsonObject(), path(name));
            }
        };
    }

    /** An XML event: each field is a child element, or an attribute. */
    static Fields of(Element element, String path) {
        return new Fields(path) {
            @Override
            String text(String name) throws BadEvent {
                Element child = child(name);
                if (child == null) {
                    return element.hasAttribute(name) ? element.getAttribute(name) : null;
                }
                if (!children(child).isEmpty()) {
                    throw BadEvent.badRequest(path(name), "field '" + path(name) + "' must be text");
                }
                return child.getTextContent();
            }

            @Override
            Fields object(String name) throws BadEvent {
                Element child = child(name);
                return child == null ? null : of(child, path(name));
            }

            private Element child(String name) throws BadEvent {
                Element found = null;
                for (Element child : children(element)) {
                    if (child.getLocalName().equals(name)) {
                        if (found != null) {
                            throw BadEvent.badRequest(path(name), "field '" + path(name) + "' is given twice");
                        }
                        found = child;
                    }
                }
                return found;
            }
        };
    }

    static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                children.add((Element) node);
            }
        }
        return children;
    }
}
