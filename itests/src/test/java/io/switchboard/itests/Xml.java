package io.switchboard.itests;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Reading the server's frames with the JDK's own DOM. (The tests keep dom4j off the test class
 * path on purpose: dom4j picks its factory through the thread context class loader, and the test
 * class path would hand the server's threads a second copy.)
 */
public final class Xml {

    private Xml() {
    }

    public static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + xml, e);
        }
    }

    /** The element as XML, for failure messages. */
    public static String toString(Element element) {
        try {
            java.io.StringWriter out = new java.io.StringWriter();
            javax.xml.transform.TransformerFactory.newInstance().newTransformer()
                    .transform(new javax.xml.transform.dom.DOMSource(element), new javax.xml.transform.stream.StreamResult(out));
            return out.toString();
        } catch (javax.xml.transform.TransformerException e) {
            return element.getLocalName();
        }
    }

    /** The element's local name. */
    public static String name(Element element) {
        return element.getLocalName();
    }

    public static String namespace(Element element) {
        return element.getNamespaceURI();
    }

    /** An attribute's value, or null when absent. */
    public static String attribute(Element element, String name) {
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }

    /** The first child element with this local name, or null. */
    public static Element child(Element parent, String name) {
        List<Element> children = children(parent, name);
        return children.isEmpty() ? null : children.get(0);
    }

    /** The child elements with this local name ({@code *} for all). */
    public static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && ("*".equals(name) || name.equals(element.getLocalName()))) {
                children.add(element);
            }
        }
        return children;
    }

    /** The text of the first child with this name, or null. */
    public static String childText(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? null : child.getTextContent();
    }
}
