package io.switchboard.presence.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.StreamError;

import io.switchboard.api.routing.Router;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionRegistry;
import io.switchboard.api.threads.DaemonThreads;

/**
 * Keeps sessions honest (XEP-0199): a client silent for {@code idleSeconds} is pinged, once per
 * period; silent for {@code idleSeconds × (missedPings + 1)}, its session ends with
 * {@code connection-timeout}, and its presence goes unavailable like any ended session's. Any
 * traffic from the client, its pong included, counts as an answer.
 */
@Component(immediate = true, configurationPid = "io.switchboard.presence.ping")
@Designate(ocd = IdlePingConfiguration.class)
public class IdlePinger {

    private static final Logger LOG = LoggerFactory.getLogger(IdlePinger.class);

    private final SessionRegistry sessions;
    private final Router router;
    private final Clock clock;
    private final Duration idle;
    private final int missedPings;
    private final AtomicLong ids = new AtomicLong();
    private final Map<ClientSession, Instant> lastPinged = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    @Activate
    public IdlePinger(@Reference SessionRegistry sessions, @Reference Router router, IdlePingConfiguration config) {
        this(sessions, router, config, Clock.systemUTC());
        long period = Math.max(100, idle.toMillis() / 4);
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** With a clock of the caller's, and nothing scheduled: for tests that call {@link #check()}. */
    IdlePinger(SessionRegistry sessions, Router router, IdlePingConfiguration config, Clock clock) {
        this.sessions = sessions;
        this.router = router;
        this.clock = clock;
        this.idle = Duration.ofSeconds(Math.max(1, config.idleSeconds()));
        this.missedPings = Math.max(0, config.missedPings());
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("switchboard-idle-pings"));
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    /** Pings the idle, at most once per idle period each; ends the silent. */
    void check() {
        Instant now = clock.instant();
        lastPinged.keySet().removeIf(session -> session.end() != null); // forget the sessions that ended
        for (ClientSession session : sessions.all()) {
            if (session.isDetached() || session.member() != null) {
                continue; // no connection to ping (stream management ends it when its time to resume is up),
                          // or the connection is another cluster member's to watch
            }
            try {
                Instant heard = session.lastReceived();
                Duration silent = Duration.between(heard, now);
                if (silent.compareTo(idle.multipliedBy(missedPings + 1L)) >= 0) {
                    LOG.info("{} silent for {} s: connection-timeout", session.address(), silent.toSeconds());
                    session.close(StreamError.Condition.connection_timeout);
                } else if (silent.compareTo(idle) >= 0) {
                    Instant pinged = lastPinged.get(session);
                    if (pinged == null || pinged.isBefore(heard) || Duration.between(pinged, now).compareTo(idle) >= 0) {
                        session.deliver(ping(session));
                        lastPinged.put(session, now);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Idle check of {} failed", session.address(), e); // never stop the schedule
            }
        }
    }

    private IQ ping(ClientSession session) {
        IQ ping = new IQ(IQ.Type.get, "ping-" + ids.incrementAndGet());
        ping.setFrom(router.domain());
        ping.setTo(session.address());
        ping.setChildElement("ping", PingHandler.NS);
        return ping;
    }
}
