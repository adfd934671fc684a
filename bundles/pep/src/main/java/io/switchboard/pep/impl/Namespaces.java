package io.switchboard.pep.impl;

/** The XML namespaces PEP speaks (XEP-0060 and XEP-0030). */
final class Namespaces {

    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String EVENT = PUBSUB + "#event";
    static final String ERRORS = PUBSUB + "#errors";
    static final String OWNER = PUBSUB + "#owner";
    static final String PUBLISH_OPTIONS = PUBSUB + "#publish-options";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    /** The caps feature by which a client asks for a node's notifications (XEP-0163 section 4). */
    static String notify(String node) {
        return node + "+notify";
    }

    private Namespaces() {
    }
}
