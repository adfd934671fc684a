package io.switchboard.events.impl;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.switchboard.api.events.EventSource;

/**
 * {@code switchboard:sources}: every registered event source with its state and events per second.
 * A component of its own: sources need {@link TypedEvents}, so it must not need them back.
 */
@Component(service = SourceCommands.class, property = {"osgi.command.scope=switchboard", "osgi.command.function=sources"})
public class SourceCommands {

    private final TypedEvents events;
    private final List<EventSource> sources = new CopyOnWriteArrayList<>();

    @Activate
    public SourceCommands(@Reference TypedEvents events) {
        this.events = events;
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
                    EventRate rate = events.rate(source.name());
                    return String.format(Locale.ROOT, "%s  %s  %.1f events/s  %d events", source.name(), source.state(),
                            rate == null ? 0.0 : rate.perSecond(), rate == null ? 0 : rate.total());
                })
                .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? "No event sources" : lines;
    }
}
