package io.switchboard.pubsub.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.dom4j.Element;
import org.xmpp.packet.JID;

import io.switchboard.api.pubsub.store.PubSubStore;
import io.switchboard.api.routing.SharedPayload;

/**
 * A leaf node: its configuration, its affiliations (by bare JID; none for the server's own
 * nodes), its subscriptions (by subscribed JID, one each) and its most recent items, newest first.
 */
final class LeafNode {

    static final int MAX_ITEMS = 10;

    /** XEP-0060 4.1: a bare JID's standing with the node; NONE is never stored. */
    enum Affiliation {
        OWNER, PUBLISHER, MEMBER, NONE, OUTCAST;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Affiliation of(String value) {
            for (Affiliation affiliation : values()) {
                if (affiliation.value().equals(value)) {
                    return affiliation;
                }
            }
            return null;
        }
    }

    /**
     * A subscription (XEP-0060 4.2): pending until an owner approves it on an authorize node;
     * {@code deliver} is its one option (pubsub#deliver): false stops notifications without unsubscribing.
     */
    record Subscription(JID jid, String subid, boolean pending, boolean deliver) {

        Subscription(JID jid, String subid) {
            this(jid, subid, false, true);
        }

        String state() {
            return pending ? "pending" : "subscribed";
        }

        PubSubStore.StoredSubscription stored() {
            return new PubSubStore.StoredSubscription(jid.toString(), subid, state(),
                    Map.of(SubscribeOptions.DELIVER, List.of(String.valueOf(deliver))));
        }

        static Subscription of(PubSubStore.StoredSubscription stored) {
            List<String> deliver = stored.options().get(SubscribeOptions.DELIVER);
            return new Subscription(new JID(stored.jid()), stored.subid(), "pending".equals(stored.state()),
                    deliver == null || deliver.isEmpty() || Boolean.parseBoolean(deliver.get(0)));
        }
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
    private volatile NodeConfig config;
    private final Map<JID, Affiliation> affiliations = new ConcurrentHashMap<>();
    private final Map<JID, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Deque<Item> items = new ArrayDeque<>();

    /** A node of the server's own (an event source's), with the default configuration. */
    LeafNode(String name) {
        this(name, null, NodeConfig.DEFAULT);
    }

    /** @param owner its creator, who owns it; null for a node of the server's own */
    LeafNode(String name, JID owner, NodeConfig config) {
        this.name = name;
        this.config = config;
        if (owner != null) {
            affiliations.put(owner.asBareJID(), Affiliation.OWNER);
        }
    }

    String name() {
        return name;
    }

    NodeConfig config() {
        return config;
    }

    /** Replaces the configuration; items beyond a lowered max_items are dropped. */
    synchronized void configure(NodeConfig changed) {
        config = changed;
        while (items.size() > changed.maxItems()) {
            items.removeLast();
        }
    }

    /** The owners' bare JIDs joined, or "server" for the server's own nodes. */
    String ownerName() {
        List<String> owners = owners().stream().map(JID::toString).sorted().toList();
        return owners.isEmpty() ? "server" : String.join(",", owners);
    }

    List<JID> owners() {
        return affiliations.entrySet().stream().filter(entry -> entry.getValue() == Affiliation.OWNER).map(Map.Entry::getKey).toList();
    }

    /** True when this entity owns the node; nobody owns the server's own nodes. */
    boolean isOwner(JID entity) {
        return affiliation(entity) == Affiliation.OWNER;
    }

    /** The entity's affiliation, by its bare JID. */
    Affiliation affiliation(JID entity) {
        return affiliations.getOrDefault(entity.asBareJID(), Affiliation.NONE);
    }

    Map<JID, Affiliation> affiliations() {
        return Map.copyOf(affiliations);
    }

    void affiliate(JID entity, Affiliation affiliation) {
        if (affiliation == Affiliation.NONE) {
            affiliations.remove(entity.asBareJID());
        } else {
            affiliations.put(entity.asBareJID(), affiliation);
        }
    }

    /** Subscribes the JID, or returns its existing subscription. */
    Subscription subscribe(JID jid, String subid) {
        return subscriptions.computeIfAbsent(jid, key -> new Subscription(key, subid));
    }

    /** Adds or replaces the JID's subscription. */
    void put(Subscription subscription) {
        subscriptions.put(subscription.jid(), subscription);
    }

    /** The JID's subscription, or null. */
    Subscription subscription(JID jid) {
        return subscriptions.get(jid);
    }

    /** The node as the store keeps it: configuration, affiliations, subscriptions, items newest first. */
    synchronized PubSubStore.StoredNode stored() {
        Map<String, String> stored = new LinkedHashMap<>();
        affiliations.forEach((jid, affiliation) -> stored.put(jid.toString(), affiliation.value()));
        return new PubSubStore.StoredNode(name, config.fields(), stored,
                subscriptions.values().stream().map(Subscription::stored).toList(),
                items.stream().map(Item::stored).toList());
    }

    boolean unsubscribe(JID jid) {
        return subscriptions.remove(jid) != null;
    }

    Collection<Subscription> subscriptions() {
        return subscriptions.values();
    }

    /**
     * Where a notification goes: every approved subscription that delivers, except a full JID
     * whose bare JID has one too. The bare JID's notification reaches every available resource
     * already, so a desktop that subscribes its full JID beside the server's bare subscription
     * (as Finesse desktops do) gets each event once.
     */
    List<JID> recipients() {
        List<JID> recipients = new ArrayList<>(subscriptions.size());
        for (Subscription subscription : subscriptions.values()) {
            JID jid = subscription.jid();
            if (receives(subscription) && (jid.getResource() == null || !receives(subscriptions.get(jid.asBareJID())))) {
                recipients.add(jid);
            }
        }
        return recipients;
    }

    private static boolean receives(Subscription subscription) {
        return subscription != null && !subscription.pending() && subscription.deliver();
    }

    synchronized void add(Item item) {
        items.removeIf(existing -> existing.id().equals(item.id()));
        items.addFirst(item);
        while (items.size() > config.maxItems()) {
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
