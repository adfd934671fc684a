package io.switchboard.pep.impl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.pubsub.StoreException;
import io.switchboard.api.pubsub.store.PubSubStore;
import io.switchboard.api.routing.StanzaErrorException;

/**
 * Every account's PEP nodes, in memory and in the {@link PubSubStore} the pubsub service uses
 * (under names of their own, see {@link PepNode#STORE_PREFIX}): each change is durable before it
 * is acknowledged, and everything is read back when the bundle starts.
 */
@Component(service = PepNodes.class)
public final class PepNodes {

    private static final Logger LOG = LoggerFactory.getLogger(PepNodes.class);

    private final PubSubStore store;
    /** Owner's bare JID → node name → node. */
    private final Map<JID, Map<String, PepNode>> nodes = new ConcurrentHashMap<>();

    @Activate
    public PepNodes(@Reference PubSubStore store) {
        this.store = store;
        readBack();
    }

    private void readBack() {
        int count = 0;
        for (PubSubStore.StoredNode stored : store.load()) {
            String[] ownerAndNode = PepNode.ownerAndNode(stored.name());
            if (ownerAndNode == null) {
                continue; // the pubsub service's
            }
            PepNode node = new PepNode(new JID(ownerAndNode[0]), ownerAndNode[1], PepConfig.of(stored.configuration()));
            List<PubSubStore.StoredItem> newestFirst = stored.items();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                node.add(new PepNode.Item(newestFirst.get(i).id(), parse(newestFirst.get(i).payload())));
            }
            of(node.owner()).put(node.name(), node);
            count++;
        }
        LOG.info("PEP: {} nodes of {} accounts read back from the store", count, nodes.size());
    }

    private static org.dom4j.Element parse(String xml) {
        try {
            return DocumentHelper.parseText(xml).getRootElement();
        } catch (DocumentException e) {
            throw new IllegalStateException("a stored PEP item is not XML: " + xml, e);
        }
    }

    private Map<String, PepNode> of(JID owner) {
        return nodes.computeIfAbsent(owner.asBareJID(), key -> new ConcurrentHashMap<>());
    }

    /** The account's node, or null. */
    PepNode get(JID owner, String name) {
        Map<String, PepNode> own = nodes.get(owner.asBareJID());
        return own == null ? null : own.get(name);
    }

    /** The account's nodes. */
    List<PepNode> all(JID owner) {
        Map<String, PepNode> own = nodes.get(owner.asBareJID());
        return own == null ? List.of() : List.copyOf(own.values());
    }

    /** The accounts that have nodes. */
    List<JID> owners() {
        return nodes.entrySet().stream().filter(entry -> !entry.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** Creates the node, stored first; {@code conflict} when the account has one of that name. */
    PepNode create(JID owner, String name, PepConfig config) throws StanzaErrorException {
        PepNode created = new PepNode(owner, name, config);
        if (get(owner, name) != null) {
            throw new StanzaErrorException(PacketError.Condition.conflict);
        }
        durably(() -> store.saveNode(created.stored()));
        if (of(owner).putIfAbsent(name, created) != null) {
            throw new StanzaErrorException(PacketError.Condition.conflict);
        }
        return created;
    }

    void configure(PepNode node, PepConfig config) throws StanzaErrorException {
        PepNode changed = new PepNode(node.owner(), node.name(), config);
        durably(() -> store.saveNode(changed.stored()));
        node.configure(config);
    }

    void publish(PepNode node, PepNode.Item item) throws StanzaErrorException {
        durably(() -> store.saveItem(node.storeName(), new PubSubStore.StoredItem(item.id(), item.payload().asXML()),
                node.config().maxItems()));
        node.add(item);
    }

    void retract(PepNode node, String id) throws StanzaErrorException {
        durably(() -> store.deleteItem(node.storeName(), id));
        node.retract(id);
    }

    void purge(PepNode node) throws StanzaErrorException {
        durably(() -> store.purge(node.storeName()));
        node.purge();
    }

    void delete(PepNode node) throws StanzaErrorException {
        durably(() -> store.deleteNode(node.storeName()));
        Map<String, PepNode> own = nodes.get(node.owner());
        if (own != null) {
            own.remove(node.name(), node);
        }
    }

    private static void durably(Runnable change) throws StanzaErrorException {
        try {
            change.run();
        } catch (StoreException e) {
            LOG.error("PEP: a change could not be stored; the request is refused", e);
            throw new StanzaErrorException(PacketError.Condition.internal_server_error);
        }
    }
}
