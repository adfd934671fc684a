package io.switchboard.events.impl;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.api.events.ContactCentreEvents;
import io.switchboard.api.events.EventSink;
import io.switchboard.api.events.EventSource;
import io.switchboard.api.pubsub.EventPublisher;

/**
 * Hands each event source its sink on the configured node scheme, and offers operators
 * {@code switchboard:sources}: every registered source with its state and events per second.
 * Reconfiguring makes a new instance (the scheme is final); sources get new sinks from it.
 */
@Component(service = {ContactCentreEvents.class, TypedEvents.class}, configurationPid = EventsConfiguration.PID,
        property = {"osgi.command.scope=switchboard", "osgi.command.function=sources"})
@Designate(ocd = EventsConfiguration.class)
public class TypedEvents implements ContactCentreEvents {

    private final EventPublisher publisher;
    private final NodeScheme scheme;
    /** Rates by source name, kept while this instance lives, whichever prefix the source used. */
    private final Map<String, EventRate> rates = new ConcurrentHashMap<>();
    private final List<EventSource> sources = new CopyOnWriteArrayList<>();

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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(EventSource source) {
        sources.add(source);
    }

    void removeSource(EventSource source) {
        sources.remove(source);
    }

    /** sources: one line per event source: name, state, events per second (last 10 s), events in all. */
    public String sources() {
        String lines = sources.stream()
                .sorted(Comparator.comparing(EventSource::name))
                .map(source -> {
                    EventRate rate = rates.get(source.name());
                    return String.format(Locale.ROOT, "%s  %s  %.1f events/s  %d events", source.name(), source.state(),
                            rate == null ? 0.0 : rate.perSecond(), rate == null ? 0 : rate.total());
                })
                .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? "No event sources" : lines;
    }
}
