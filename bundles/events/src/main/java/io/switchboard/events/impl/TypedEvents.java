package io.switchboard.events.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.api.events.ContactCentreEvents;
import io.switchboard.api.events.EventSink;
import io.switchboard.api.pubsub.EventPublisher;

/**
 * Hands each event source its sink on the configured node scheme, and counts what each source
 * publishes. Reconfiguring makes a new instance (the scheme is final); sources get new sinks from it.
 */
@Component(service = {ContactCentreEvents.class, TypedEvents.class}, configurationPid = EventsConfiguration.PID)
@Designate(ocd = EventsConfiguration.class)
public class TypedEvents implements ContactCentreEvents {

    private final EventPublisher publisher;
    private final NodeScheme scheme;
    /** Rates by source name, kept while this instance lives, whichever prefix the source used. */
    private final Map<String, EventRate> rates = new ConcurrentHashMap<>();

    @Activate
    public TypedEvents(@Reference EventPublisher publisher, EventsConfiguration config) {
        this(publisher, NodeScheme.of(config));
    }

    TypedEvents(EventPublisher publisher, NodeScheme scheme) {
        this.publisher = publisher;
        this.scheme = scheme;
    }

    @Override
    public EventSink sink(String source) {
        return sink(source, scheme.prefix());
    }

    @Override
    public EventSink sink(String source, String nodePrefix) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a sink needs the source's name");
        }
        NodeScheme.checkPrefix(nodePrefix);
        return new Sink(source, scheme.withPrefix(nodePrefix), publisher,
                rates.computeIfAbsent(source, name -> new EventRate(System::currentTimeMillis)));
    }

    /** The events published by this source so far, or null if it has published none. */
    EventRate rate(String source) {
        return rates.get(source);
    }
}
