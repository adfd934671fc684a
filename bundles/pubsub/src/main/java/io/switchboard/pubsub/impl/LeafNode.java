package io.switchboard.pubsub.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.dom4j.Element;
import org.xmpp.packet.JID;

/** A leaf node: its subscriptions (by subscribed JID) and its most recent items. */
final class LeafNode {

    static final int MAX_ITEMS = 10;

    record Subscription(JID jid, String subid) {
    }

    record Item(String id, Element payload) {
    }

    private final String name;
    private final Map<JID, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Deque<Item> items = new ArrayDeque<>();

    LeafNode(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Subscribes the JID, or returns its existing subscription. */
    Subscription subscribe(JID jid, String subid) {
        return subscriptions.computeIfAbsent(jid, key -> new Subscription(key, subid));
    }

    boolean unsubscribe(JID jid) {
        return subscriptions.remove(jid) != null;
    }

    Collection<Subscription> subscriptions() {
        return subscriptions.values();
    }

    synchronized void add(Item item) {
        items.removeIf(existing -> existing.id().equals(item.id()));
        items.addFirst(item);
        while (items.size() > MAX_ITEMS) {
            items.removeLast();
        }
    }

    /** The newest items first, at most {@code max}. */
    synchronized List<Item> latest(int max) {
        List<Item> latest = new ArrayList<>(Math.min(max, items.size()));
        for (Item item : items) {
            if (latest.size() == max) {
                break;
            }
            latest.add(item);
        }
        return latest;
    }
}
