package io.switchboard.cluster.itest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import io.switchboard.testing.DistributionFolder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Failover as a Finesse desktop meets it: two members sharing PostgreSQL run one simulator, on the
 * oldest member; that member is killed with {@code kill -9}; the survivor runs the simulator within
 * 10 s (failure detection is 3 s here), its events reach a supervisor on it, and its SystemInfo
 * names it as the only node, in service; restarted, A rejoins as the younger member and takes
 * sessions again.
 */
class FailoverIT {

    private static final String PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";

    private static EmbeddedPostgres postgres;
    private static ClusterNode a;
    private static ClusterNode b;

    @BeforeAll
    static void startTwoMembers() throws Exception {
        postgres = EmbeddedPostgres.start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE pubsub");
        }
        String pubsub = "jdbc:postgresql://localhost:" + postgres.getPort() + "/pubsub";
        Path root = Path.of("target", "failover");
        List<Integer> ports = List.of(DistributionFolder.freePort(), DistributionFolder.freePort());
        // A first, so that A is the oldest member
        a = new ClusterNode(root, "A", ports.get(0)).store(pubsub).cluster(ports).simulatorPace(250).start();
        a.awaitMembers(1);
        b = new ClusterNode(root, "B", ports.get(1)).store(pubsub).cluster(ports).simulatorPace(250).start();
        a.awaitMembers(2);
        b.awaitMembers(2);
    }

    @AfterAll
    static void stopMembers() throws Exception {
        for (ClusterNode node : new ClusterNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theSimulatorMovesToTheSurvivorWhenItsMemberIsKilled() throws Exception {
        // one simulator in the cluster, on the oldest member; B waits
        await("the simulator running on A only").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> a.health().contains("simulator RUNNING") && b.health().contains("simulator STANDBY"));
        Element before = systemInfo(b);
        assertEquals("IN_SERVICE", text(before, "status"));
        assertEquals("A.example", host(before, "primaryNode"), "the oldest member is the primary node");
        assertEquals("B.example", host(before, "secondaryNode"));

        XMPPTCPConnection supervisor = b.client("supervisor1", "desktop");
        try {
            PubSubManager.getInstanceFor(supervisor, JidCreate.bareFrom("pubsub.localhost")).getLeafNode("/finesse/api/Team/1/Users")
                    .subscribe(supervisor.getUser());

            long killed = System.nanoTime();
            a.kill();
            await("the simulator running on B, the survivor").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> b.health().contains("simulator RUNNING"));
            System.out.printf("FailoverIT: the simulator ran on B %d ms after A was killed%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));

            // what it publishes now reaches the supervisor on B
            try (StanzaCollector events = supervisor.createStanzaCollector(new StanzaExtensionFilter("event", PUBSUB_EVENT))) {
                Message event = events.nextResult(10_000);
                assertNotNull(event, "no team event reached supervisor1 on B after the simulator moved there");
            }
            // and a desktop that fails over reads B as the one node, in service
            await("B's SystemInfo naming B alone").atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                Element after = systemInfo(b);
                assertEquals("IN_SERVICE", text(after, "status"));
                assertEquals("B.example", host(after, "primaryNode"));
                assertNull(after.getElementsByTagName("secondaryNode").item(0), "A is gone: no secondary node");
            });

            // A restarted rejoins, as the younger member: it takes sessions again, the simulator stays on B
            a.start();
            a.awaitMembers(2);
            b.awaitMembers(2);
            await("A back, waiting; B still running the simulator").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> a.health().contains("simulator STANDBY") && b.health().contains("simulator RUNNING"));
            XMPPTCPConnection onA = a.client("agent1", "desktop");
            try {
                PingManager pings = PingManager.getInstanceFor(onA);
                await("supervisor1 on B reachable from A").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                        .until(() -> pings.ping(supervisor.getUser(), 5_000));
            } finally {
                onA.disconnect();
            }
        } finally {
            supervisor.disconnect();
        }
    }

    private static Element systemInfo(ClusterNode node) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(node.systemInfo())))
                .getDocumentElement();
    }

    private static String host(Element info, String node) {
        Element element = (Element) info.getElementsByTagName(node).item(0);
        assertNotNull(element, "no " + node + " in SystemInfo");
        return text(element, "host");
    }

    private static String text(Element parent, String child) {
        return parent.getElementsByTagName(child).item(0).getTextContent();
    }
}
