package io.switchboard.streammanagement.impl;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** The elements of XEP-0198 and their sequence numbers, which count modulo 2^32. */
final class Sm {

    static final String NS = "urn:xmpp:sm:3";
    static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    private static final long MODULUS = 1L << 32;

    private Sm() {
    }

    static Element element(String name) {
        return DocumentHelper.createElement(QName.get(name, NS));
    }

    /** {@code <a h='…'/>} or {@code <resumed h='…'/>}: what the server has handled. */
    static Element withH(String name, long handled) {
        Element element = element(name);
        element.addAttribute("h", Long.toString(handled));
        return element;
    }

    /** {@code <failed>} with a stanza error condition, e.g. {@code unexpected-request}. */
    static Element failed(String condition) {
        Element failed = element("failed");
        failed.addElement(QName.get(condition, STANZAS));
        return failed;
    }

    static long next(long count) {
        return (count + 1) % MODULUS;
    }

    /** How far {@code later} is ahead of {@code earlier}, counting round the wrap. */
    static long distance(long earlier, long later) {
        return Math.floorMod(later - earlier, MODULUS);
    }

    /** The h attribute as an unsigned 32-bit number, or -1 when it is missing or not one. */
    static long h(Element element) {
        String value = element.attributeValue("h");
        if (value == null) {
            return -1;
        }
        try {
            long h = Long.parseLong(value.trim());
            return h >= 0 && h < MODULUS ? h : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
