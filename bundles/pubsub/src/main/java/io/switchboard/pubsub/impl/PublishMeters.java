package io.switchboard.pubsub.impl;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Counts published items and the notifications they make; looked up once per registry rather than once per publish. */
record PublishMeters(MeterRegistry registry, Counter viaXmpp, Counter viaEventSource, Counter notifications, Timer fanout) {

    PublishMeters(MeterRegistry registry) {
        this(registry,
                registry.counter("switchboard.pubsub.published", "via", "xmpp"),
                registry.counter("switchboard.pubsub.published", "via", "event-source"),
                registry.counter("switchboard.pubsub.notifications"),
                Timer.builder("switchboard.pubsub.fanout").description("From publish to every notification handed to the router")
                        .publishPercentileHistogram().register(registry));
    }

    /** One item published, its notifications handed to the router in this many nanoseconds. */
    void count(boolean viaXmpp, int notified, long nanos) {
        (viaXmpp ? viaXmpp() : viaEventSource()).increment();
        notifications().increment(notified);
        fanout().record(nanos, TimeUnit.NANOSECONDS);
    }
}
