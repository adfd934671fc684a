package io.switchboard.streammanagement.impl;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The sessions a client may resume, by their previd, and the limits on those that wait detached:
 * per user and in all. Ends the detached ones whose time is up, and hands what a session left
 * unacknowledged to {@link Unacknowledged}.
 */
final class Resumptions {

    private static final Logger LOG = LoggerFactory.getLogger(Resumptions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, ManagedSession> byId = new ConcurrentHashMap<>();
    /** Detached sessions per user; their sum is what maxDetached limits. */
    private final Map<JID, Integer> detachedPerUser = new ConcurrentHashMap<>();
    /** Their sum, kept beside them: a mass drop detaches thousands at once, each asking it. */
    private final AtomicInteger detached = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final Unacknowledged unacknowledged;
    private final Supplier<StreamManagementSettings> settings;
    private final Supplier<MeterRegistry> meters;

    Resumptions(ScheduledExecutorService timer, Unacknowledged unacknowledged, Supplier<StreamManagementSettings> settings,
            Supplier<MeterRegistry> meters) {
        this.timer = timer;
        this.unacknowledged = unacknowledged;
        this.settings = settings;
        this.meters = meters;
    }

    /** A new previd: unguessable, so that nobody resumes a session by trying ids. */
    static String newId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void register(ManagedSession session) {
        byId.put(session.id(), session);
    }

    ManagedSession find(String id) {
        return id == null ? null : byId.get(id);
    }

    /** The session lost its connection: true when the limits let it wait, and its end is scheduled. */
    boolean hold(ManagedSession session) {
        StreamManagementSettings limits = settings.get();
        if (!byId.containsKey(session.id())) {
            return false; // the feature stopped, or the session ended
        }
        if (detached.get() >= limits.maxDetached()) {
            LOG.warn("{} ends instead of waiting to be resumed: {} sessions wait already (maxDetached)", session.session().address(), limits.maxDetached());
            return false;
        }
        int[] count = new int[1];
        detachedPerUser.compute(session.user(), (user, n) -> {
            count[0] = n == null ? 1 : n + 1;
            return count[0] > limits.maxDetachedPerUser() ? n : count[0];
        });
        if (count[0] > limits.maxDetachedPerUser()) {
            LOG.info("{} ends instead of waiting to be resumed: {} of its user's sessions wait already (maxDetachedPerUser)",
                    session.session().address(), limits.maxDetachedPerUser());
            return false;
        }
        detached.incrementAndGet();
        session.expireLater(timer.schedule(() -> expire(session), session.resumeFor().toMillis(), TimeUnit.MILLISECONDS));
        return true;
    }

    private void expire(ManagedSession session) {
        if (session.expire()) {
            LOG.debug("{} was not resumed within {} s: it ends", session.session().address(), session.resumeFor().toSeconds());
            session.session().close(StreamError.Condition.connection_timeout);
        }
    }

    /** One of the user's sessions no longer waits detached. */
    void released(JID user) {
        boolean[] was = new boolean[1];
        detachedPerUser.computeIfPresent(user, (key, n) -> {
            was[0] = true;
            return n <= 1 ? null : n - 1;
        });
        if (was[0]) {
            detached.decrementAndGet();
        }
    }

    /** The session holds more than it may: it ends, its queue dropped. Logged once, here. */
    void overflowed(ManagedSession session, String why) {
        LOG.warn("{} ends: {}; its queue is dropped", session.session().address(), why);
        // not on the delivering thread, which holds the session's outbound lock
        timer.execute(() -> session.session().close(StreamError.Condition.resource_constraint));
    }

    void resent(ManagedSession session, int stanzas) {
        released(session.user());
        MeterRegistry registry = meters.get();
        if (registry != null) {
            registry.counter("switchboard.sm.resumed").increment();
            registry.counter("switchboard.sm.resent").increment(stanzas);
        }
    }

    void refused(String condition) {
        MeterRegistry registry = meters.get();
        if (registry != null) {
            registry.counter("switchboard.sm.resume.refused", "condition", condition).increment();
        }
    }

    /** The session ended for good: nobody can resume it. */
    void forget(ManagedSession session) {
        if (session.id() != null && byId.remove(session.id(), session) && session.isDetached()) {
            released(session.user());
        }
    }

    void unacknowledged(JID address, List<Element> stanzas) {
        unacknowledged.handle(address, stanzas);
    }

    /** The feature stops: sessions waiting to be resumed end; connected ones carry on, no longer resumable. */
    void close() {
        List<ManagedSession> all = List.copyOf(byId.values());
        byId.clear();
        all.stream().filter(ManagedSession::expire).forEach(session -> session.session().close(StreamError.Condition.connection_timeout));
    }
}
