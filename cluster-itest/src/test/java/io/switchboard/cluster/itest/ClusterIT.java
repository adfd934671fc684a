package io.switchboard.cluster.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;

import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import io.switchboard.testing.DistributionFolder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Three members on loopback, one XMPP domain: a stanza reaches a user on another member, a second
 * login of a full JID on another member ends the first, items published on one member reach
 * subscribers on another once and in order, a member killed with {@code kill -9} takes only
 * its own sessions with it, and a member whose file is removed leaves with its sessions connected.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final DomainBareJid PUBSUB = JidCreate.domainBareFromOrThrowUnchecked("pubsub.localhost");

    private static EmbeddedPostgres postgres;
    private static ClusterNode a;
    private static ClusterNode b;
    private static ClusterNode c;

    @BeforeAll
    static void startCluster() throws Exception {
        postgres = EmbeddedPostgres.start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE pubsub");
        }
        String pubsub = "jdbc:postgresql://localhost:" + postgres.getPort() + "/pubsub";
        Path root = Path.of("target", "cluster");
        List<Integer> ports = List.of(DistributionFolder.freePort(), DistributionFolder.freePort(), DistributionFolder.freePort());
        a = new ClusterNode(root, "A", ports.get(0)).store(pubsub).cluster(ports).start();
        b = new ClusterNode(root, "B", ports.get(1)).store(pubsub).cluster(ports).start();
        c = new ClusterNode(root, "C", ports.get(2)).store(pubsub).cluster(ports).start();
        for (ClusterNode node : List.of(a, b, c)) {
            node.awaitMembers(3);
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (ClusterNode node : new ClusterNode[] {a, b, c}) {
            if (node != null) {
                node.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void aMessageReachesAUserOnAnotherMember() throws Exception {
        XMPPTCPConnection agent1 = a.client("agent1", "desktop");
        XMPPTCPConnection agent2 = b.client("agent2", "desktop");
        try {
            awaitReachable(agent1, agent2.getUser());
            try (StanzaCollector received = agent2.createStanzaCollector(
                    new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.create(agent1.getUser())))) {
                chat(agent1, bare("agent2"), "to the bare JID, from A to B");
                chat(agent1, agent2.getUser(), "to the full JID, from A to B");
                Message first = received.nextResult(20_000);
                Message second = received.nextResult(20_000);
                assertNotNull(first, "agent2 on B got nothing from agent1 on A");
                assertNotNull(second, "agent2 on B got only one of agent1's two messages");
                assertEquals("to the bare JID, from A to B", first.getBody());
                assertEquals("to the full JID, from A to B", second.getBody());
            }
        } finally {
            agent1.disconnect();
            agent2.disconnect();
        }
    }

    @Test
    @Order(2)
    void aSecondLoginOnAnotherMemberEndsTheFirstWithConflict() throws Exception {
        XMPPTCPConnection first = a.client("agent3", "desktop");
        CompletableFuture<Exception> ended = new CompletableFuture<>();
        first.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                ended.complete(e);
            }
        });
        XMPPTCPConnection second = c.client("agent3", "desktop");
        try {
            Exception error = ended.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(error instanceof XMPPException.StreamErrorException, "closed by " + error);
            assertEquals(StreamError.Condition.conflict, ((XMPPException.StreamErrorException) error).getStreamError().getCondition());
            assertTrue(second.isAuthenticated(), "the newer session on C was ended too");
        } finally {
            second.disconnect();
        }
    }

    @Test
    @Order(3)
    void itemsPublishedOnOneMemberReachASubscriberOnAnotherOnceAndInOrder() throws Exception {
        XMPPTCPConnection owner = a.client("agent1", "publisher");
        XMPPTCPConnection subscriber = c.client("supervisor1", "desktop");
        XMPPTCPConnection reader = b.client("agent2", "reader");
        try {
            LeafNode onA = PubSubManager.getInstanceFor(owner, PUBSUB).createNode("cluster-events");
            // C learns of the node from A; A learns of C's subscription from C
            LeafNode onC = await("the node created on A, seen on C").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> PubSubManager.getInstanceFor(subscriber, PUBSUB).getLeafNode("cluster-events"), node -> node != null);
            List<String> received = new CopyOnWriteArrayList<>();
            onC.addItemEventListener(event -> event.getItems().forEach(item -> received.add(((Item) item).getId())));
            onC.subscribe(subscriber.getUser().asEntityBareJid());
            await("C's subscription, seen on A").atMost(Duration.ofSeconds(20)).until(() -> onA.getSubscriptionsAsOwner().stream()
                    .anyMatch(subscription -> subscription.getJid().equals(subscriber.getUser().asEntityBareJid())));

            List<String> published = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                published.add("item-" + i);
                onA.publish(new PayloadItem<>("item-" + i, new SimplePayload("<n xmlns='urn:test'>" + i + "</n>")));
            }
            published.add("last");
            onA.publish(new PayloadItem<>("last", new SimplePayload("<n xmlns='urn:test'>last</n>")));
            await("the last item on C").atMost(Duration.ofSeconds(20)).until(() -> received.contains("last"));
            assertEquals(published, received, "every item once, in the order A accepted them");

            // B keeps the items too: a subscriber there gets the last one from its own memory
            LeafNode onB = PubSubManager.getInstanceFor(reader, PUBSUB).getLeafNode("cluster-events");
            await("the last item, kept on B").atMost(Duration.ofSeconds(20))
                    .until(() -> onB.<Item>getItems(1).stream().map(Item::getId).toList(), List.of("last")::equals);
        } finally {
            owner.disconnect();
            subscriber.disconnect();
            reader.disconnect();
        }
    }

    @Test
    @Order(4)
    void aKilledMemberTakesOnlyItsOwnSessions() throws Exception {
        XMPPTCPConnection onA = a.client("agent4", "desktop");
        XMPPTCPConnection onB = b.client("agent5", "desktop");
        XMPPTCPConnection onC = c.client("agent6", "desktop");
        try {
            awaitReachable(onA, onC.getUser());
            awaitReachable(onB, onC.getUser());
            c.kill();
            a.awaitMembers(2);
            b.awaitMembers(2);
            // C's session is gone from the directory: a message to it is refused, not sent into the void
            assertRefused(onA, bare("agent6"), "a user of the dead member");
            // the members left go on: A and B still reach each other's users, and the user of C logs in on B
            assertTrue(onA.isAuthenticated() && onB.isAuthenticated(), "a session of a surviving member ended");
            XMPPTCPConnection again = b.client("agent6", "desktop");
            try (StanzaCollector received = again.createStanzaCollector(MessageTypeFilter.CHAT)) {
                awaitReachable(onA, again.getUser());
                chat(onA, again.getUser(), "welcome back, on B");
                Message welcome = received.nextResult(20_000);
                assertNotNull(welcome, "agent6, logged in again on B, got nothing from A");
                assertEquals("welcome back, on B", welcome.getBody());
            } finally {
                again.disconnect();
            }
        } finally {
            onA.disconnect();
            onB.disconnect();
            onC.instantShutdown();
        }
    }

    @Test
    @Order(5)
    void removingTheFileLeavesTheClusterAndKeepsTheSessions() throws Exception {
        XMPPTCPConnection onA = a.client("agent4", "staying");
        XMPPTCPConnection onB = b.client("agent5", "staying");
        try {
            awaitReachable(onB, onA.getUser());
            a.leaveCluster();
            b.awaitMembers(1);
            await("A on its own, its cluster check gone").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> !a.health().contains("\"cluster\""));
            assertTrue(onA.isAuthenticated(), "A's session ended when A left the cluster");
            // a single node again: a user connected to B is no longer there for A's users
            assertRefused(onA, onB.getUser(), "a session on the member A left");
            assertTrue(PingManager.getInstanceFor(onA).pingMyServer(), "A answers its own client");
        } finally {
            onA.disconnect();
            onB.disconnect();
        }
    }

    private static void chat(XMPPTCPConnection from, Jid to, String body) throws Exception {
        from.sendStanza(from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body).build());
    }

    /** A chat message to a session that is not there (any more) comes back {@code service-unavailable}. */
    private static void assertRefused(XMPPTCPConnection from, Jid to, String whom) throws Exception {
        try (StanzaCollector errors = from.createStanzaCollector(MessageTypeFilter.ERROR)) {
            chat(from, to, "to " + whom);
            Message bounced = errors.nextResult(20_000);
            assertNotNull(bounced, "no answer for a message to " + whom);
            assertEquals(Message.Type.error, bounced.getType());
            assertEquals(StanzaError.Condition.service_unavailable, bounced.getError().getCondition());
        }
    }

    /**
     * Waits until a client answers a ping (XEP-0199) from another: until the sender's member knows the
     * session (the directory is updated a moment after a login) and the answer finds its way back.
     */
    private static void awaitReachable(XMPPTCPConnection from, Jid to) {
        PingManager pings = PingManager.getInstanceFor(from);
        await(to + " reachable from " + from.getUser()).atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> pings.ping(to, 5_000));
    }

    private static EntityBareJid bare(String user) throws Exception {
        return JidCreate.entityBareFrom(user + "@localhost");
    }
}
