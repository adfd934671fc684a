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
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.switchboard.api.cluster.Cluster;
import io.switchboard.api.events.EventSource;

/**
 * {@code switchboard:sources}: every registered event source with its state and events per second,
 * and in a cluster which member runs it: this one, or for a source that runs once per cluster and
 * waits here ({@link EventSource.State#STANDBY}), the oldest member.
 * A component of its own: sources need {@link TypedEvents}, so it must not need them back.
 */
@Component(service = SourceCommands.class, property = {"osgi.command.scope=switchboard", "osgi.command.function=sources"})
public class SourceCommands {

    private final TypedEvents events;
    private final List<EventSource> sources = new CopyOnWriteArrayList<>();
    private volatile Cluster cluster;

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

    /** The cluster, while this server is a member of one. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCluster(Cluster bound) {
        cluster = bound;
    }

    void unbindCluster(Cluster unbound) {
        if (cluster == unbound) {
            cluster = null;
        }
    }

    /**
     * sources: one line per event source: name, state, events per second (last 10 s), events in all;
     * in a cluster, the member that runs it.
     */
    public String sources() {
        Cluster current = cluster;
        String lines = sources.stream()
                .sorted(Comparator.comparing(EventSource::name))
                .map(source -> {
                    EventRate rate = events.rate(source.name());
                    return String.format(Locale.ROOT, "%s  %s  %.1f events/s  %d events", source.name(), source.state(),
                            rate == null ? 0.0 : rate.perSecond(), rate == null ? 0 : rate.total()) + where(source, current);
                })
                .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? "No event sources" : lines;
    }

    /** Nothing on a single node; in a cluster, this member, or for a source on standby here, the oldest (which runs it). */
    private static String where(EventSource source, Cluster cluster) {
        if (cluster == null) {
            return "";
        }
        if (source.state() != EventSource.State.STANDBY) {
            return "  runs on this member (" + cluster.local().name() + ")";
        }
        List<Cluster.Member> members = cluster.members();
        return members.isEmpty() ? "  runs on another member" : "  runs on member " + members.get(0).name() + " (the oldest)";
    }
}
