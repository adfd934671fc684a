package io.switchboard.cluster.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.StreamError;

import com.hazelcast.map.IMap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;

import io.switchboard.api.cluster.RemoteSessions;
import io.switchboard.api.presence.PresenceListener;
import io.switchboard.api.routing.Router;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionListener;
import io.switchboard.api.session.SessionRegistry;
import io.switchboard.api.threads.DaemonThreads;

/**
 * Which member holds which session, cluster-wide: a Hazelcast map from full JID to the member and
 * what others need of the session (transport, since, presence), written by the member that holds
 * it; and, on each member, a copy of the other members' entries indexed by user, kept up to date by
 * the map's events, so that routing never waits on the network. When two members hold the same
 * full JID (bound on both at once), the older session ends with {@code conflict}, wherever it is;
 * when a member leaves, its sessions leave the directory.
 */
@Component(service = {RemoteSessions.class, SessionListener.class, PresenceListener.class}, immediate = true,
        configurationPid = ClusterConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class SessionDirectory implements RemoteSessions, SessionListener, PresenceListener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionDirectory.class);
    static final String MAP = "switchboard.sessions";

    private final ClusterMember member;
    private final SessionRegistry sessions;
    private final Router router;
    private final UUID local;
    private final IMap<String, String> directory;
    private final MemberMail mail;
    /** The other members' sessions: bare JID → resource → session. */
    private final Map<JID, Map<String, RemoteSession>> remote = new ConcurrentHashMap<>();
    private final UUID listening;
    private final Map<MeterRegistry, List<Meter>> meters = new ConcurrentHashMap<>();
    /**
     * What this member last wrote for each of its sessions (only the writer thread changes it): an entry
     * is removed only while it is still that value, without reading it back over the network.
     */
    private final Map<ClientSession, String> written = new ConcurrentHashMap<>();
    private final Consumer<UUID> departures = this::departed;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(DaemonThreads.named("switchboard-cluster-directory"));

    @Activate
    public SessionDirectory(@Reference ClusterMember member, @Reference SessionRegistry sessions, @Reference Router router) {
        this.member = member;
        this.sessions = sessions;
        this.router = router;
        this.local = member.uuid();
        this.directory = member.hazelcast().getMap(MAP);
        this.mail = new MemberMail(member.hazelcast(), local, this::received);
        this.listening = directory.addEntryListener(new Changes(), true);
        member.onDeparture(departures);
        directory.forEach((address, value) -> changed(address, value)); // what was there before this member listened
        // the sessions bound before this server joined, once activated (the registry asks this directory too)
        write(() -> sessions.all().stream().filter(session -> session.member() == null).forEach(this::publish));
    }

    @Deactivate
    void deactivate() {
        member.removeDeparture(departures);
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            directory.removeEntryListener(listening);
            // the others stop routing to this member at once
            written.forEach((session, value) -> directory.remove(session.address().toString(), value));
        } catch (RuntimeException e) {
            LOG.debug("Leaving the cluster's session directory", e); // the member is shutting down
        }
        mail.close();
        remote.clear();
    }

    // ---- /metrics --------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindMeterRegistry(MeterRegistry registry) {
        meters.put(registry, List.of(
                Gauge.builder("switchboard.cluster.members", member, m -> m.members().size())
                        .description("Members of the cluster this server sees, itself included").register(registry),
                Gauge.builder("switchboard.cluster.remote.sessions", this, directory -> directory.all().size())
                        .description("Sessions bound on the other members").register(registry),
                FunctionCounter.builder("switchboard.cluster.mail.batches", mail.sentBatches, AtomicLong::get)
                        .description("Batches of stanzas sent to other members").register(registry),
                FunctionCounter.builder("switchboard.cluster.mail.stanzas", mail.sentStanzas, AtomicLong::get).tag("direction", "out")
                        .description("Stanzas sent to, or received from, sessions on other members").register(registry),
                FunctionCounter.builder("switchboard.cluster.mail.stanzas", mail.receivedStanzas, AtomicLong::get).tag("direction", "in")
                        .description("Stanzas sent to, or received from, sessions on other members").register(registry)));
    }

    void unbindMeterRegistry(MeterRegistry registry) {
        List<Meter> registered = meters.remove(registry);
        if (registered != null) {
            registered.forEach(registry::remove);
        }
    }

    // ---- RemoteSessions ----------------------------------------------------------------------

    @Override
    public Optional<ClientSession> session(JID fullJid) {
        Map<String, RemoteSession> resources = remote.get(fullJid.asBareJID());
        return Optional.ofNullable(resources == null ? null : resources.get(fullJid.getResource()));
    }

    @Override
    public Collection<ClientSession> sessions(JID user) {
        Map<String, RemoteSession> resources = remote.get(user.asBareJID());
        return resources == null ? List.of() : List.copyOf(resources.values());
    }

    @Override
    public Collection<ClientSession> all() {
        List<ClientSession> all = new ArrayList<>();
        remote.values().forEach(resources -> all.addAll(resources.values()));
        return all;
    }

    // ---- this member's sessions into the directory --------------------------------------------

    @Override
    public void sessionBound(ClientSession session) {
        if (session.member() == null) {
            publish(session);
        }
    }

    @Override
    public void sessionEnded(ClientSession session) {
        if (session.member() == null) {
            write(() -> {
                // only while the entry is still the one written for this session: another member may hold the JID now
                String value = written.remove(session);
                if (value != null) {
                    directory.remove(session.address().toString(), value);
                }
            });
        }
    }

    @Override
    public void available(ClientSession session, boolean first) {
        sessionBound(session);
    }

    @Override
    public void changed(ClientSession session) {
        sessionBound(session);
    }

    @Override
    public void unavailable(ClientSession session, boolean last) {
        if (session.end() == null) {
            sessionBound(session); // still bound, now unavailable
        }
    }

    private void publish(ClientSession session) {
        write(() -> {
            String value = RemoteSession.Entry.of(local, member.local().name(), session).encode();
            directory.set(session.address().toString(), value);
            written.put(session, value);
        });
    }

    /** Changes to this member's entries are made one after the other, in the order they happened, off the caller's thread. */
    private void write(Runnable change) {
        try {
            writer.execute(() -> {
                try {
                    change.run();
                } catch (RuntimeException e) {
                    LOG.warn("Could not update the cluster's session directory", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // leaving the cluster
        }
    }

    // ---- the other members' sessions out of the directory -------------------------------------

    private void changed(String address, String value) {
        JID jid = new JID(address);
        RemoteSession.Entry entry = RemoteSession.Entry.decode(value);
        if (entry.member().equals(local)) {
            forget(jid, null); // this member's own, replacing another's
            return;
        }
        ClientSession mine = sessions.session(jid).filter(session -> session.member() == null).orElse(null);
        if (mine != null && !mine.since().isAfter(entry.since())) {
            LOG.info("{} bound on {} too: the older session here ends with conflict", jid, entry.memberName());
            mine.close(StreamError.Condition.conflict);
        }
        remote.computeIfAbsent(jid.asBareJID(), user -> new ConcurrentHashMap<>())
                .put(jid.getResource(), new RemoteSession(jid, entry, mail));
    }

    /** Forgets the other member's session at this address (of any member when {@code holder} is null). */
    private void forget(JID jid, UUID holder) {
        remote.computeIfPresent(jid.asBareJID(), (user, resources) -> {
            RemoteSession known = resources.get(jid.getResource());
            if (known != null && (holder == null || known.entry().member().equals(holder))) {
                resources.remove(jid.getResource());
            }
            return resources.isEmpty() ? null : resources;
        });
    }

    /** A member left: its sessions are gone with it. */
    private void departed(UUID gone) {
        mail.forget(gone);
        List<RemoteSession> left = new ArrayList<>();
        remote.values().forEach(resources -> resources.values().stream()
                .filter(session -> session.entry().member().equals(gone)).forEach(left::add));
        for (RemoteSession session : left) {
            forget(session.address(), gone);
            // every member tries, off Hazelcast's event thread: the first wins
            write(() -> directory.remove(session.address().toString(), session.entry().encode()));
        }
        LOG.info("{} sessions of the member that left are gone", left.size());
    }

    /** What another member sent for this member's sessions. */
    private void received(List<Batch.Entry> entries) {
        for (Batch.Entry entry : entries) {
            if (entry instanceof Batch.Delivery delivery) {
                ClientSession session = sessions.session(delivery.to()).filter(s -> s.member() == null).orElse(null);
                if (session != null) {
                    session.deliver(delivery.packet());
                } else if (delivery.packet() instanceof IQ iq && iq.isRequest()) {
                    IQ error = IQ.createResultIQ(iq);
                    error.setChildElement(iq.getChildElement().createCopy());
                    error.setError(PacketError.Condition.service_unavailable);
                    router.route(error); // the session ended meanwhile: the asker is not left waiting
                }
            } else if (entry instanceof Batch.Close close) {
                sessions.session(close.session()).filter(s -> s.member() == null)
                        .ifPresent(session -> session.close(close.condition()));
            }
        }
    }

    private final class Changes implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
            EntryRemovedListener<String, String> {

        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<String, String> event) {
            changed(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<String, String> event) {
            changed(event.getKey(), event.getValue());
        }

        @Override
        public void entryRemoved(com.hazelcast.core.EntryEvent<String, String> event) {
            String old = event.getOldValue();
            forget(new JID(event.getKey()), old == null ? null : RemoteSession.Entry.decode(old).member());
        }
    }
}
