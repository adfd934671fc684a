package io.switchboard.pubsub.impl;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.cluster.RelayListener;
import io.switchboard.api.pubsub.store.PubSubStore;
import io.switchboard.api.threads.DaemonThreads;

/**
 * What the other members of a cluster changed in the publish-subscribe store, applied to this
 * member's nodes in memory, in the order each member made its changes, off the cluster's event
 * threads (reading a node again waits on the store). The messages are lines: a kind, the node, and
 * for an item its id and payload.
 */
@Component(service = RelayListener.class, property = RelayListener.CHANNEL + "=" + ClusterChanges.CHANNEL)
public final class ClusterChanges implements RelayListener {

    static final String CHANNEL = "pubsub";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterChanges.class);

    private static final String CHANGED = "changed";
    private static final String DELETED = "deleted";
    private static final String ITEM = "item";
    private static final String RETRACTED = "retracted";
    private static final String PURGED = "purged";

    private final Nodes nodes;
    private final ExecutorService applier = Executors.newSingleThreadExecutor(DaemonThreads.named("switchboard-pubsub-cluster"));

    @Activate
    public ClusterChanges(@Reference Nodes nodes) {
        this.nodes = nodes;
    }

    @Deactivate
    void deactivate() {
        applier.shutdownNow();
    }

    static String changed(String node) {
        return CHANGED + "\n" + node;
    }

    static String deleted(String node) {
        return DELETED + "\n" + node;
    }

    static String item(String node, PubSubStore.StoredItem item) {
        return ITEM + "\n" + node + "\n" + item.id() + "\n" + item.payload();
    }

    static String retracted(String node, String itemId) {
        return RETRACTED + "\n" + node + "\n" + itemId;
    }

    static String purged(String node) {
        return PURGED + "\n" + node;
    }

    @Override
    public void received(String message, String member) {
        try {
            applier.execute(() -> apply(message, member));
        } catch (RejectedExecutionException e) {
            // the service is stopping
        }
    }

    private void apply(String message, String member) {
        String[] parts = message.split("\n", 4);
        if (parts.length < 2 || parts[1].startsWith(Nodes.PEP_PREFIX)) {
            return; // the PEP bundle's nodes are not this service's
        }
        String node = parts[1];
        try {
            switch (parts[0]) {
                case CHANGED -> nodes.readAgain(node);
                case DELETED -> nodes.removed(node);
                case ITEM -> nodes.storedElsewhere(node, parts[2], parts[3]);
                case RETRACTED -> nodes.retractedElsewhere(node, parts[2]);
                case PURGED -> nodes.purgedElsewhere(node);
                default -> LOG.warn("Member {} sent an unknown publish-subscribe change: {}", member, parts[0]);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not apply member {}'s change to node {}: {}", member, node, parts[0], e);
        }
    }
}
