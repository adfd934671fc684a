package io.switchboard.cluster.impl;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.dom4j.DocumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;

import io.switchboard.api.threads.DaemonThreads;

/**
 * Stanzas and closes for sessions on other members: queued per member and sent in {@link Batch}es by
 * one thread, so that a member receives them in the order they were queued here; and what other
 * members send this one, handed to {@code receiver}. Each member reads its own topic.
 */
final class MemberMail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MemberMail.class);
    private static final String TOPIC = "switchboard.mail.";

    private final HazelcastInstance hazelcast;
    private final Map<UUID, Outbox> outboxes = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(DaemonThreads.named("switchboard-cluster-mail"));
    private final ITopic<String> inbox;
    private final UUID listening;
    /** What went out and came in, for /metrics. */
    final AtomicLong sentBatches = new AtomicLong();
    final AtomicLong sentStanzas = new AtomicLong();
    final AtomicLong receivedStanzas = new AtomicLong();

    MemberMail(HazelcastInstance hazelcast, UUID local, Consumer<List<Batch.Entry>> receiver) {
        this.hazelcast = hazelcast;
        this.inbox = hazelcast.getTopic(TOPIC + local);
        this.listening = inbox.addMessageListener(message -> {
            try {
                List<Batch.Entry> entries = Batch.read(message.getMessageObject());
                receivedStanzas.addAndGet(entries.size());
                receiver.accept(entries);
            } catch (DocumentException | RuntimeException e) {
                LOG.warn("Mail from member {} could not be read", message.getPublishingMember(), e);
            }
        });
    }

    void deliver(UUID member, JID to, Packet packet) {
        outbox(member).add(batch -> batch.deliver(to, packet));
    }

    void close(UUID member, JID session, StreamError.Condition condition) {
        outbox(member).add(batch -> batch.close(session, condition));
    }

    /** The member is gone: what is still queued for it is dropped. */
    void forget(UUID member) {
        outboxes.remove(member);
    }

    private Outbox outbox(UUID member) {
        return outboxes.computeIfAbsent(member, id -> new Outbox(hazelcast.getTopic(TOPIC + id)));
    }

    @Override
    public void close() {
        sender.shutdown();
        inbox.removeMessageListener(listening);
    }

    /** One member's queue; while it is not empty, a drain of it is scheduled on the sender thread. */
    private final class Outbox {
        private final ITopic<String> topic;
        private final Queue<Consumer<Batch>> queued = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Outbox(ITopic<String> topic) {
            this.topic = topic;
        }

        void add(Consumer<Batch> entry) {
            queued.add(entry);
            if (scheduled.compareAndSet(false, true)) {
                try {
                    sender.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    // leaving the cluster: nothing more is sent
                }
            }
        }

        private void drain() {
            scheduled.set(false); // anything queued from now on schedules another drain
            Batch batch = new Batch();
            for (Consumer<Batch> entry; (entry = queued.poll()) != null;) {
                entry.accept(batch);
            }
            if (batch.size() > 0) {
                try {
                    topic.publish(batch.xml());
                    sentBatches.incrementAndGet();
                    sentStanzas.addAndGet(batch.size());
                } catch (RuntimeException e) {
                    LOG.warn("Could not send {} stanzas to another member", batch.size(), e);
                }
            }
        }
    }
}
