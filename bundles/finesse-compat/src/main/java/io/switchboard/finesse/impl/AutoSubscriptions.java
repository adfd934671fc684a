package io.switchboard.finesse.impl;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import io.switchboard.api.presence.PresenceListener;
import io.switchboard.api.pubsub.ServerSubscriptions;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.threads.DaemonThreads;

/**
 * Subscribes each agent to its User, Dialogs, Media and SystemInfo nodes when its first resource
 * becomes available, as Finesse does with no request from the desktop: a bare-JID subscription,
 * which the service does not double when the desktop also subscribes its full JID.
 */
@Component(configurationPid = AutoSubscriptions.PID)
@Designate(ocd = AutoSubscriptionsConfiguration.class)
public class AutoSubscriptions implements PresenceListener {

    static final String PID = "io.switchboard.finesse.subscriptions";
    private static final Logger LOG = LoggerFactory.getLogger(AutoSubscriptions.class);

    private final ServerSubscriptions subscriptions;
    private final List<String> nodes;
    /** Stores commit to a database: not on the presence handler's thread, which must not block. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.named("finesse-auto-subscriptions"));

    @Activate
    public AutoSubscriptions(@Reference ServerSubscriptions subscriptions, AutoSubscriptionsConfiguration config) {
        this.subscriptions = subscriptions;
        this.nodes = List.of(config.nodes());
        for (String node : nodes) {
            if (node.isBlank()) {
                throw new IllegalArgumentException(PID + ": key 'nodes' has an empty node name");
            }
        }
    }

    @Deactivate
    void deactivate() {
        worker.shutdown();
    }

    @Override
    public void available(ClientSession session, boolean first) {
        JID user = session.address().asBareJID();
        if (first && user.getNode() != null) {
            worker.execute(() -> subscribe(user));
        }
    }

    /** The user's nodes, each subscribed for its bare JID (done before, it is kept as it is). */
    void subscribe(JID user) {
        for (String node : nodesOf(user.getNode())) {
            try {
                subscriptions.subscribe(node, user);
            } catch (RuntimeException e) {
                LOG.warn("Could not subscribe {} to {}", user, node, e);
            }
        }
    }

    List<String> nodesOf(String id) {
        return nodes.stream().map(node -> node.replace("{id}", id)).toList();
    }
}
