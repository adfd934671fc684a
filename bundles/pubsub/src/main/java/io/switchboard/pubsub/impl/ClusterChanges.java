package io.switchboard.pubsub.impl;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
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
 * for an item its id and payload, for a subscription its JID, id, state and options.
 */
@Component(service = RelayListener.class, property = RelayListener.CHANNEL + "=" + ClusterChanges.CHANNEL)
public final class ClusterChanges implements RelayListener {

    static final String CHANNEL = "pubsub";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterChanges.class);

    private static final String CHANGED = "changed";
    private static final String DELETED = "deleted";
    private static final String ITEM = "item";
    private static final String SUBSCRIBED = "subscribed";
    private static final String UNSUBSCRIBED = "unsubscribed";
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

    /** A subscription travels whole (its options as a query string), so the others need not read the node again. */
    static String subscribed(String node, PubSubStore.StoredSubscription subscription) {
        StringJoiner options = new StringJoiner("&");
        subscription.options().forEach((name, values) -> values.forEach(value -> options.add(encode(name) + "=" + encode(value))));
        String subid = subscription.subid() == null ? "" : subscription.subid();
        return String.join("\n", SUBSCRIBED, node, subscription.jid(), subid, subscription.state(), options.toString());
    }

    static String unsubscribed(String node, String jid) {
        return UNSUBSCRIBED + "\n" + node + "\n" + jid;
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

    private static Map<String, List<String>> options(String query) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            int equals = pair.indexOf('=');
            options.computeIfAbsent(decode(pair.substring(0, equals)), name -> new ArrayList<>()).add(decode(pair.substring(equals + 1)));
        }
        return options;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void received(String message, String member) {
        try {
            applier.execute(() -> apply(message, member));
        } catch (RejectedExecutionException e) {
            // the service is stopping
        }
    }

    /** Applies one message (on the applier thread; directly in tests). */
    void apply(String message, String member) {
        String[] parts = message.split("\n", 6);
        if (parts.length < 2 || parts[1].startsWith(Nodes.PEP_PREFIX)) {
            return; // the PEP bundle's nodes are not this service's
        }
        String node = parts[1];
        try {
            switch (parts[0]) {
                case CHANGED -> nodes.readAgain(node);
                case DELETED -> nodes.removed(node);
                case ITEM -> nodes.storedElsewhere(node, parts[2], message.split("\n", 4)[3]);
                case SUBSCRIBED -> nodes.subscribedElsewhere(node,
                        new PubSubStore.StoredSubscription(parts[2], parts[3].isEmpty() ? null : parts[3], parts[4], options(parts[5])));
                case UNSUBSCRIBED -> nodes.unsubscribedElsewhere(node, parts[2]);
                case RETRACTED -> nodes.retractedElsewhere(node, parts[2]);
                case PURGED -> nodes.purgedElsewhere(node);
                default -> LOG.warn("Member {} sent an unknown publish-subscribe change: {}", member, parts[0]);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not apply member {}'s change to node {}: {}", member, node, parts[0], e);
        }
    }
}
