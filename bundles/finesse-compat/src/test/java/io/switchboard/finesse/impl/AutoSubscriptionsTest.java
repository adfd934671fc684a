package io.switchboard.finesse.impl;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Test;
import org.xmpp.packet.JID;

import io.switchboard.api.pubsub.ServerSubscriptions;
import io.switchboard.testing.Configurations;
import io.switchboard.testing.RecordingSession;

public class AutoSubscriptionsTest {

    private final List<String> made = new CopyOnWriteArrayList<>();
    private final ServerSubscriptions pubsub = (node, subscriber) -> {
        made.add(subscriber + " " + node);
        return "s" + made.size();
    };
    private AutoSubscriptions auto;

    @After
    public void stop() {
        if (auto != null) {
            auto.deactivate();
        }
    }

    @Test
    public void theFirstResourceOfAnAgentSubscribesItsBareJidToItsFinesseNodes() {
        auto = new AutoSubscriptions(pubsub, Configurations.of(AutoSubscriptionsConfiguration.class));

        auto.available(new RecordingSession("agent1@example.com/desktop").available(), true);

        await().until(() -> made.size() == 4);
        assertEquals(List.of("agent1@example.com /finesse/api/User/agent1", "agent1@example.com /finesse/api/User/agent1/Dialogs",
                "agent1@example.com /finesse/api/User/agent1/Media/1", "agent1@example.com /finesse/api/SystemInfo"), made);
    }

    @Test
    public void laterResourcesAddNothing() {
        auto = new AutoSubscriptions(pubsub, Configurations.of(AutoSubscriptionsConfiguration.class,
                "nodes", new String[] {"/finesse/api/User/{id}"}));

        auto.available(new RecordingSession("agent1@example.com/phone").available(), false);
        auto.available(new RecordingSession("agent2@example.com/desktop").available(), true);

        await().until(() -> made.size() == 1);
        assertEquals(List.of("agent2@example.com /finesse/api/User/agent2"), made);
    }

    @Test
    public void oneFailedNodeDoesNotStopTheOthers() {
        auto = new AutoSubscriptions((node, subscriber) -> {
            if (node.endsWith("Dialogs")) {
                throw new IllegalStateException("store down");
            }
            made.add(node);
            return "s";
        }, Configurations.of(AutoSubscriptionsConfiguration.class));

        auto.subscribe(new JID("agent1@example.com"));

        assertEquals(3, made.size());
        assertTrue(made.contains("/finesse/api/SystemInfo"));
    }

    @Test
    public void anEmptyNodeNameIsRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AutoSubscriptions(pubsub,
                Configurations.of(AutoSubscriptionsConfiguration.class, "nodes", new String[] {" "})));
        assertTrue(e.getMessage(), e.getMessage().contains("io.switchboard.finesse.subscriptions") && e.getMessage().contains("nodes"));
    }
}
