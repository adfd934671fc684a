package io.switchboard.pep.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.dom4j.Element;
import org.xmpp.packet.JID;

import io.switchboard.api.pubsub.store.PubSubStore;

/** One node of one account's PEP service: its configuration and its newest items first. */
final class PepNode {

    /** Where PEP nodes are kept in the PubSubStore: {@code pep:<bare JID>/<node>}, a name pubsub keeps clear of. */
    static final String STORE_PREFIX = "pep:";

    /** A published item; the payload is the node's own copy. */
    record Item(String id, Element payload) {
    }

    private final JID owner;
    private final String name;
    private volatile PepConfig config;
    private final Deque<Item> items = new ArrayDeque<>();

    PepNode(JID owner, String name, PepConfig config) {
        this.owner = owner.asBareJID();
        this.name = name;
        this.config = config;
    }

    JID owner() {
        return owner;
    }

    String name() {
        return name;
    }

    PepConfig config() {
        return config;
    }

    String storeName() {
        return storeName(owner, name);
    }

    static String storeName(JID owner, String node) {
        return STORE_PREFIX + owner.toBareJID() + "/" + node;
    }

    /** The owner and node of a stored name, or null for a node that is not PEP's. */
    static String[] ownerAndNode(String storeName) {
        if (!storeName.startsWith(STORE_PREFIX)) {
            return null;
        }
        int slash = storeName.indexOf('/', STORE_PREFIX.length());
        return slash < 0 ? null : new String[] {storeName.substring(STORE_PREFIX.length(), slash), storeName.substring(slash + 1)};
    }

    synchronized void configure(PepConfig changed) {
        config = changed;
        trim();
    }

    synchronized void add(Item item) {
        items.removeIf(existing -> existing.id().equals(item.id()));
        items.addFirst(item);
        trim();
    }

    private void trim() {
        while (items.size() > config.maxItems()) {
            items.removeLast();
        }
    }

    synchronized boolean retract(String id) {
        return items.removeIf(item -> item.id().equals(id));
    }

    synchronized void purge() {
        items.clear();
    }

    synchronized Item item(String id) {
        return items.stream().filter(item -> item.id().equals(id)).findFirst().orElse(null);
    }

    /** The newest items first, at most {@code max}. */
    synchronized List<Item> latest(int max) {
        return new ArrayList<>(items).subList(0, Math.min(max, items.size()));
    }

    /** The node as the store keeps it: its owner is its one affiliation. */
    synchronized PubSubStore.StoredNode stored() {
        return new PubSubStore.StoredNode(storeName(), config.fields(), Map.of(owner.toBareJID(), "owner"), List.of(),
                items.stream().map(item -> new PubSubStore.StoredItem(item.id(), item.payload().asXML())).toList());
    }
}
