package io.switchboard.cluster.impl;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import io.switchboard.api.cluster.Cluster;

/**
 * This server as a member of a cluster: an embedded Hazelcast member, started by {@link ClusterStarter}.
 * Registers itself for the bundle's other parts, which use the Hazelcast instance through it, and as
 * {@link Cluster}, with {@link Cluster#OLDEST} kept up to date.
 */
public final class ClusterMember implements Cluster {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);

    /** Member attributes: what the other members know of this one besides its address. */
    static final String NAME = "switchboard.name";
    static final String HOST = "switchboard.host";

    private final HazelcastInstance hazelcast;
    private final Member local;
    private final List<Consumer<UUID>> departures = new CopyOnWriteArrayList<>();
    private final ServiceRegistration<?> registration;

    ClusterMember(BundleContext context, ClusterConfiguration config) {
        String address = config.address().trim() + ":" + config.port();
        String name = config.memberName().isBlank() ? address : config.memberName().trim();
        String host = config.host().isBlank() ? config.address().trim() : config.host().trim();
        this.local = new Member(name, address, host);
        this.hazelcast = start(hazelcastConfig(config, name, host));
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info("Cluster {}: {} joined; members now {}", config.name(), member(event.getMember()).name(), names());
                updateOldest();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.warn("Cluster {}: {} left; members now {}", config.name(), member(event.getMember()).name(), names());
                departures.forEach(listener -> listener.accept(event.getMember().getUuid()));
                updateOldest();
            }
        });
        this.registration = context.registerService(new String[] {ClusterMember.class.getName(), Cluster.class.getName()},
                this, properties());
        LOG.info("Cluster {}: this server is member {} at {}; members {}", config.name(), name, address, names());
    }

    private static Config hazelcastConfig(ClusterConfiguration config, String name, String host) {
        Config hz = new Config();
        hz.setClusterName(config.name());
        hz.setInstanceName("switchboard-" + name);
        hz.setProperty("hazelcast.logging.type", "slf4j");
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        hz.setProperty("hazelcast.shutdownhook.enabled", "false"); // the framework's stop shuts it down, in order
        hz.setProperty("hazelcast.socket.bind.any", "false");
        hz.setProperty("hazelcast.local.localAddress", config.address().trim());
        // a member killed without a word is counted gone after failureSeconds, and its work moves
        hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hz.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(Math.max(2, config.failureSeconds())));
        // members that started apart (each its own cluster) merge soon, not after Hazelcast's 5 minutes
        hz.setProperty("hazelcast.wait.seconds.before.join", "1");
        hz.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        hz.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        NetworkConfig network = hz.getNetworkConfig();
        network.setPort(config.port()).setPortAutoIncrement(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        List<String> members = new ArrayList<>();
        for (String member : config.members()) {
            if (!member.isBlank()) {
                members.add(member.trim());
            }
        }
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(members);
        hz.getMemberAttributeConfig().setAttribute(NAME, name).setAttribute(HOST, host);
        return hz;
    }

    /** Starts the member with Hazelcast's own class loader as context: it finds its parts through it. */
    private static HazelcastInstance start(Config config) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Hazelcast.class.getClassLoader());
        try {
            return Hazelcast.newHazelcastInstance(config);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Leaves the cluster. */
    void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // the bundle is stopping: already gone
        }
        LOG.info("Leaving the cluster");
        hazelcast.shutdown();
    }

    HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** This member's id in the cluster. */
    UUID uuid() {
        return hazelcast.getCluster().getLocalMember().getUuid();
    }

    /** Tells the listener the id of each member that leaves (or is counted gone). */
    void onDeparture(Consumer<UUID> listener) {
        departures.add(listener);
    }

    void removeDeparture(Consumer<UUID> listener) {
        departures.remove(listener);
    }

    @Override
    public Member local() {
        return local;
    }

    @Override
    public List<Member> members() {
        return hazelcast.getCluster().getMembers().stream().map(ClusterMember::member).toList();
    }

    /** The name of the member with this id, or its id while it is not (or no longer) a member. */
    String name(UUID uuid) {
        return hazelcast.getCluster().getMembers().stream().filter(member -> member.getUuid().equals(uuid))
                .findFirst().map(member -> member(member).name()).orElse(uuid.toString());
    }

    boolean isOldest() {
        Set<com.hazelcast.cluster.Member> members = hazelcast.getCluster().getMembers();
        return !members.isEmpty() && members.iterator().next().localMember();
    }

    private static Member member(com.hazelcast.cluster.Member member) {
        String address = member.getAddress().getHost() + ":" + member.getAddress().getPort();
        String name = member.getAttribute(NAME);
        String host = member.getAttribute(HOST);
        return new Member(name == null ? address : name, address, host == null ? member.getAddress().getHost() : host);
    }

    private List<String> names() {
        return members().stream().map(Member::name).toList();
    }

    private Dictionary<String, Object> properties() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(OLDEST, isOldest());
        return properties;
    }

    private synchronized void updateOldest() {
        if (registration == null) {
            return; // still starting: registered with the current answer once started
        }
        try {
            if (!Boolean.valueOf(isOldest()).equals(registration.getReference().getProperty(OLDEST))) {
                registration.setProperties(properties());
                LOG.info("This member is {} the oldest", isOldest() ? "now" : "no longer");
            }
        } catch (IllegalStateException e) {
            // unregistered: leaving
        }
    }
}
