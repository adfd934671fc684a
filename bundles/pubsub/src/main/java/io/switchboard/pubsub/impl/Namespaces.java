package io.switchboard.pubsub.impl;

/** The XML namespaces of XEP-0060 and of the discovery this service answers. */
final class Namespaces {

    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String EVENT = PUBSUB + "#event";
    static final String ERRORS = PUBSUB + "#errors";
    static final String OWNER = PUBSUB + "#owner";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    private Namespaces() {
    }
}
