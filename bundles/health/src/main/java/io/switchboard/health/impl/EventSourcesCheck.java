package io.switchboard.health.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.switchboard.api.events.EventSource;

/** "eventsources": at least one event source is there, and none is failing (its system unreachable, its input bad). */
@Component(immediate = true, property = {HealthCheck.NAME + "=eventsources", Checks.TAGS, Checks.DEFAULT_TAG})
public class EventSourcesCheck implements HealthCheck {

    private final List<EventSource> sources = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addSource(EventSource source) {
        sources.add(source);
    }

    void removeSource(EventSource source) {
        sources.remove(source);
    }

    @Override
    public Result execute() {
        if (sources.isEmpty()) {
            return Checks.critical("no event source is running: agents get no events");
        }
        List<String> states = sources.stream().map(source -> source.name() + " " + source.state()).sorted().toList();
        boolean failing = sources.stream().anyMatch(source -> source.state() == EventSource.State.FAILING);
        return failing ? Checks.critical("an event source is failing: " + String.join(", ", states))
                : Checks.ok("event sources: " + String.join(", ", states));
    }
}
