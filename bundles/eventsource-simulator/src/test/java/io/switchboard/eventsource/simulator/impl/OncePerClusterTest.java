package io.switchboard.eventsource.simulator.impl;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dom4j.Element;
import org.junit.After;
import org.junit.Test;

import io.switchboard.api.cluster.Cluster;
import io.switchboard.api.events.EventSource;
import io.switchboard.api.pubsub.EventPublisher;
import io.switchboard.events.impl.EventsConfiguration;
import io.switchboard.events.impl.TypedEvents;
import io.switchboard.testing.Configurations;

/**
 * Where the simulation runs: here on a single node; in a cluster on the oldest member only, moving
 * when the oldest member changes, as the Cluster service's {@code cluster.oldest} property says.
 */
public class OncePerClusterTest {

    private final List<String> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean clusterConfigured = new AtomicBoolean();
    private final ContactCentreSimulator simulator = new ContactCentreSimulator(new TypedEvents(new EventPublisher() {
        @Override
        public void createNode(String node) {
        }

        @Override
        public String publish(String node, Element payload) {
            published.add(node);
            return "item";
        }

        @Override
        public List<String> publish(List<Publication> publications) {
            return publications.stream().map(publication -> publish(publication.node(), publication.payload())).toList();
        }
    }, Configurations.of(EventsConfiguration.class)), ClusterConfigurations.configured(clusterConfigured::get),
            Configurations.of(SimulatorConfiguration.class, "teams", new String[] {"1:Sales"}, "agents", new String[] {"agent1:1"},
                    "supervisors", new String[0], "intervalMillis", 20L));
    private final Cluster cluster = new Cluster() {
        @Override
        public Member local() {
            return new Member("B", "127.0.0.1:5702", "b.example");
        }

        @Override
        public List<Member> members() {
            return List.of(new Member("A", "127.0.0.1:5701", "a.example"), local());
        }
    };

    @After
    public void stop() throws InterruptedException {
        simulator.deactivate();
    }

    @Test
    public void onASingleNodeItRunsAsSoonAsItIsActive() {
        simulator.activate();

        awaitState(EventSource.State.RUNNING);
        await().atMost(Duration.ofSeconds(10)).until(() -> !published.isEmpty());
    }

    @Test
    public void aMemberThatIsNotTheOldestWaitsAndTakesOverWhenTheOldestLeaves() {
        clusterConfigured.set(true);
        simulator.bindCluster(cluster, Map.of(Cluster.OLDEST, false));
        simulator.activate();

        awaitState(EventSource.State.STANDBY);
        IllegalStateException elsewhere = assertThrows(IllegalStateException.class, () -> simulator.user("agent1"));
        assertTrue(elsewhere.getMessage(), elsewhere.getMessage().contains("oldest member of the cluster, A"));
        assertNothingPublishedFor10Paces();

        simulator.updatedCluster(cluster, Map.of(Cluster.OLDEST, true)); // A left: B is the oldest now
        awaitState(EventSource.State.RUNNING);
        await().atMost(Duration.ofSeconds(10)).until(() -> !published.isEmpty());
        assertTrue(simulator.user("agent1").isPresent());
    }

    @Test
    public void theOldestStopsWhenAnOlderMemberJoinsAndRunsAgainAloneWhenTheClusterIsRemoved() {
        clusterConfigured.set(true);
        simulator.bindCluster(cluster, Map.of(Cluster.OLDEST, true));
        simulator.activate();
        awaitState(EventSource.State.RUNNING);

        simulator.updatedCluster(cluster, Map.of(Cluster.OLDEST, false)); // two clusters merged: the other's member is older
        awaitState(EventSource.State.STANDBY);
        assertThrows(IllegalStateException.class, () -> simulator.team("1"));
        published.clear();
        assertNothingPublishedFor10Paces();

        clusterConfigured.set(false); // config/io.switchboard.cluster.cfg removed: the member leaves, a single node again
        simulator.unbindCluster(cluster);
        awaitState(EventSource.State.RUNNING);
    }

    @Test
    public void aConfiguredMemberWaitsUntilItKnowsWhetherItIsTheOldest() {
        clusterConfigured.set(true);
        simulator.activate(); // the cluster bundle has not registered Cluster yet: joining takes seconds

        awaitState(EventSource.State.STANDBY);
        IllegalStateException waiting = assertThrows(IllegalStateException.class, () -> simulator.user("agent1"));
        assertTrue(waiting.getMessage(), waiting.getMessage().contains("config/io.switchboard.cluster.cfg"));
        assertNothingPublishedFor10Paces();

        simulator.bindCluster(cluster, Map.of(Cluster.OLDEST, true)); // alone, or the first: it is the oldest
        awaitState(EventSource.State.RUNNING);
    }

    /** The pace is 20 ms: a simulation running here would publish within it. */
    private void assertNothingPublishedFor10Paces() {
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(published::isEmpty);
    }

    private void awaitState(EventSource.State state) {
        await().atMost(Duration.ofSeconds(10)).until(simulator::state, state::equals);
    }
}
