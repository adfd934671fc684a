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

import io.switchboard.api.pubsub.PubSubStore;
import io.switchboard.api.routing.SharedPayload;

/**
 * A leaf node: its owner (none for nodes an event source created), its options, its
 * subscriptions (by subscribed JID) and its most recent items, newest first.
 */
final class LeafNode {

    static final int MAX_ITEMS = 10;

    /** What XEP-0060 calls the node configuration, as far as this service keeps one. */
    record Options(int maxItems, boolean sendLastPublishedItem) {
        static final Options DEFAULT = new Options(MAX_ITEMS, false);
    }

    record Subscription(JID jid, String subid) {
    }

    /** A published item; its payload is rendered once and shared by every notification of it. */
    record Item(String id, SharedPayload payload) {
        Item(String id, Element payload) {
            this(id, new SharedPayload(payload));
        }

        PubSubStore.StoredItem stored() {
            return new PubSubStore.StoredItem(id, payload.xml());
        }
    }

    private final String name;
    private final JID owner;
    private final Options options;
    private final Map<JID, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Deque<Item> items = new ArrayDeque<>();

    /** A node of the server's own (an event source's), with the default options. */
    LeafNode(String name) {
        this(name, null, Options.DEFAULT);
    }

    LeafNode(String name, JID owner, Options options) {
        this.name = name;
        this.owner = owner == null ? null : owner.asBareJID();
        this.options = options;
    }

    String name() {
        return name;
    }

    Options options() {
        return options;
    }

    /** The owner's bare JID, or "server" for the server's own nodes. */
    String ownerName() {
        return owner == null ? "server" : owner.toString();
    }

    /** True when this entity owns the node; nobody owns the server's own nodes. */
    boolean isOwner(JID entity) {
        return owner != null && owner.equals(entity.asBareJID());
    }

    /** Subscribes the JID, or returns its existing subscription. */
    Subscription subscribe(JID jid, String subid) {
        return subscriptions.computeIfAbsent(jid, key -> new Subscription(key, subid));
    }

    /** The JID's subscription, or null. */
    Subscription subscription(JID jid) {
        return subscriptions.get(jid);
    }

    /** The node as the store keeps it: its configuration, its subscriptions, its items newest first. */
    synchronized PubSubStore.StoredNode stored() {
        return new PubSubStore.StoredNode(name, owner == null ? null : owner.toString(), options.maxItems(),
                options.sendLastPublishedItem(),
                subscriptions.values().stream().map(s -> new PubSubStore.StoredSubscription(s.jid().toString(), s.subid())).toList(),
                items.stream().map(Item::stored).toList());
    }

    boolean unsubscribe(JID jid) {
        return subscriptions.remove(jid) != null;
    }

    Collection<Subscription> subscriptions() {
        return subscriptions.values();
    }

    /**
     * Where a notification goes: every subscribed JID, except a full JID whose bare JID is
     * subscribed too. The bare JID's notification reaches every available resource already, so
     * a desktop that subscribes its full JID beside the server's bare subscription (as Finesse
     * desktops do) gets each event once.
     */
    List<JID> recipients() {
        List<JID> recipients = new ArrayList<>(subscriptions.size());
        for (JID jid : subscriptions.keySet()) {
            if (jid.getResource() == null || !subscriptions.containsKey(jid.asBareJID())) {
                recipients.add(jid);
            }
        }
        return recipients;
    }

    synchronized void add(Item item) {
        items.removeIf(existing -> existing.id().equals(item.id()));
        items.addFirst(item);
        while (items.size() > options.maxItems()) {
            items.removeLast();
        }
    }

    /** Removes the item; false when there was none with this id. */
    synchronized boolean retract(String id) {
        return items.removeIf(item -> item.id().equals(id));
    }

    synchronized void purge() {
        items.clear();
    }

    synchronized int itemCount() {
        return items.size();
    }

    /** The item with this id, or null. */
    synchronized Item item(String id) {
        return items.stream().filter(item -> item.id().equals(id)).findFirst().orElse(null);
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
