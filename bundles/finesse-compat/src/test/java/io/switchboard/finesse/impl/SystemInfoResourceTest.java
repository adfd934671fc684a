package io.switchboard.finesse.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.hc.api.Result;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Test;

import io.switchboard.api.cluster.Cluster;
import io.switchboard.testing.RecordingRouter;

public class SystemInfoResourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:15:30.123456Z"), ZoneOffset.UTC);

    private final Map<String, Result> health = new HashMap<>(Map.of("transports", ok(), "database", ok(), "eventsources", ok()));
    private final SystemInfoResource resource = new SystemInfoResource(new RecordingRouter("uccxpub.prabhat.com"),
            () -> Map.copyOf(health), CLOCK);

    @Test
    public void itNamesTheDomainAndThePubSubService() throws Exception {
        Element info = info();

        assertEquals("SystemInfo", info.getName());
        assertEquals("uccxpub.prabhat.com", info.elementText("xmppDomain"));
        assertEquals("pubsub.uccxpub.prabhat.com", info.elementText("xmppPubSubDomain"));
        assertEquals("IN_SERVICE", info.elementText("status"));
        assertNull("no reason while in service", info.element("statusReason"));
        assertEquals("2026-11-24T10:15:30.123Z", info.elementText("currentTimestamp"));
        assertNull("a single node names no nodes", info.element("primaryNode"));
        assertNull(info.element("secondaryNode"));
    }

    @Test
    public void aFailingEventSourceOrStorePutsTheNodeOutOfService() throws Exception {
        health.put("eventsources", new Result(Result.Status.CRITICAL, "an event source is failing: acd FAILING"));

        Element info = info();

        assertEquals("OUT_OF_SERVICE", info.elementText("status"));
        assertTrue(info.elementText("statusReason"), info.elementText("statusReason").contains("eventsources CRITICAL: an event source is failing"));

        health.put("eventsources", ok());
        health.remove("database"); // the store's bundle stopped
        assertEquals("OUT_OF_SERVICE", info().elementText("status"));
        assertTrue(info().elementText("statusReason"), info().elementText("statusReason").contains("no 'database' health check"));
    }

    @Test
    public void aWarningStillServesAndAFailedClusterDoesNot() throws Exception {
        health.put("transports", new Result(Result.Status.WARN, "slow"));
        assertEquals("IN_SERVICE", info().elementText("status"));

        health.put("cluster", new Result(Result.Status.CRITICAL, "configured but not a member"));
        assertEquals("OUT_OF_SERVICE", info().elementText("status"));
    }

    @Test
    public void inAClusterTheOldestMemberIsThePrimaryNodeAndTheNextTheSecondary() throws Exception {
        List<Cluster.Member> members = new java.util.ArrayList<>(List.of(new Cluster.Member("A", "10.0.0.1:5701", "fin-a.example"),
                new Cluster.Member("B", "10.0.0.2:5701", "fin-b.example"), new Cluster.Member("C", "10.0.0.3:5701", "fin-c.example")));
        Cluster cluster = new Cluster() {
            @Override
            public Member local() {
                return members.get(members.size() - 1);
            }

            @Override
            public List<Member> members() {
                return List.copyOf(members);
            }
        };
        resource.bindCluster(cluster);

        Element info = info();
        assertEquals("fin-a.example", info.element("primaryNode").elementText("host"));
        assertEquals("fin-b.example", info.element("secondaryNode").elementText("host"));

        members.subList(0, 2).clear(); // A and B died: C alone
        info = info();
        assertEquals("fin-c.example", info.element("primaryNode").elementText("host"));
        assertNull(info.element("secondaryNode"));

        resource.unbindCluster(cluster); // left the cluster: a single node again
        assertNull(info().element("primaryNode"));
    }

    private Element info() throws Exception {
        return DocumentHelper.parseText(resource.systemInfo()).getRootElement();
    }

    private static Result ok() {
        return new Result(Result.Status.OK, "fine");
    }
}
