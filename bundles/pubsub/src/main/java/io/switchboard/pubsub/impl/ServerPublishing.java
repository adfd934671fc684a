package io.switchboard.pubsub.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import io.switchboard.api.pubsub.EventPublisher;
import io.switchboard.api.pubsub.NodeActivity;
import io.switchboard.api.pubsub.store.PubSubStore;
import io.switchboard.api.pubsub.ServerSubscriptions;

/**
 * What the server itself does with nodes, for event sources and the Finesse layer: publish (a
 * batch stored all or none before anyone hears of it), create nodes and subscribe users, and tell
 * operators when a node was last published to. Nodes it creates are the server's own (no owner).
 */
@Component(service = {EventPublisher.class, ServerSubscriptions.class, NodeActivity.class})
public final class ServerPublishing implements EventPublisher, ServerSubscriptions, NodeActivity {

    private static final Logger LOG = LoggerFactory.getLogger(ServerPublishing.class);

    private final Nodes nodes;
    private final Delivery delivery;

    @Activate
    public ServerPublishing(@Reference(name = "nodes") Nodes nodes, @Reference(name = "delivery") Delivery delivery) {
        this.nodes = nodes;
        this.delivery = delivery;
    }

    @Override
    public void createNode(String node) {
        nodes.serverNode(node);
    }

    @Override
    public String publish(String nodeName, Element payload) {
        return publish(List.of(new Publication(nodeName, payload))).get(0);
    }

    @Override
    public List<String> publish(List<Publication> publications) {
        List<Publishing> batch = new ArrayList<>();
        List<PubSubStore.NewItem> kept = new ArrayList<>();
        for (Publication publication : publications) {
            Publishing publishing = new Publishing(nodes.serverNode(publication.node()),
                    new LeafNode.Item(nodes.randomId(), publication.payload()));
            if (publishing.config.persistItems()) {
                kept.add(new PubSubStore.NewItem(publication.node(), publishing.item.stored(), publishing.config.maxItems()));
            }
            batch.add(publishing);
        }
        if (!kept.isEmpty()) {
            nodes.store().saveItems(kept); // all or none, before anyone hears of any
        }
        batch.forEach(Publishing::deliver);
        return batch.stream().map(publishing -> publishing.item.id()).toList();
    }

    /** An item on its way: stored with its batch, then kept and notified by {@link #deliver}. */
    private final class Publishing {
        final LeafNode node;
        final NodeConfig config;
        final LeafNode.Item item;

        Publishing(LeafNode node, LeafNode.Item item) {
            this.node = node;
            this.config = node.config();
            this.item = item;
        }

        void deliver() {
            if (config.persistItems()) {
                node.add(item);
            }
            nodes.published(node.name());
            List<Message> notified = delivery.published(node, item);
            delivery.sendPublished(notified, false);
        }
    }

    @Override
    public String subscribe(String nodeName, JID subscriber) {
        ReentrantLock change = nodes.changesTo(nodeName);
        change.lock();
        try {
            LeafNode node = nodes.serverNode(nodeName);
            LeafNode.Subscription existing = node.subscription(subscriber);
            if (existing != null) {
                return existing.subid();
            }
            LeafNode.Subscription subscription = new LeafNode.Subscription(subscriber, nodes.randomId());
            nodes.store().saveSubscription(nodeName, subscription.stored());
            node.put(subscription);
            LOG.debug("{} subscribed to {} by the server", subscriber, nodeName);
            return subscription.subid();
        } finally {
            change.unlock();
        }
    }

    @Override
    public Optional<Instant> lastPublished(String node) {
        return nodes.lastPublished(node);
    }
}
