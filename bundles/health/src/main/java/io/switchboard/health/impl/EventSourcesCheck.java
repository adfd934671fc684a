package io.switchboard.health.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.switchboard.api.directory.ContactCentreDirectory;
import io.switchboard.api.health.HealthCheck;
import io.switchboard.api.health.HealthResult;

/**
 * "eventsources": at least one event source is running. An event source tells the server who is
 * in its contact centre as a {@link ContactCentreDirectory}, registered while it runs.
 */
@Component(property = HealthCheck.NAME + "=eventsources")
public class EventSourcesCheck implements HealthCheck {

    private final Map<ContactCentreDirectory, String> sources = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addSource(ContactCentreDirectory source, Map<String, Object> properties) {
        sources.put(source, String.valueOf(properties.get("component.name")));
    }

    void removeSource(ContactCentreDirectory source) {
        sources.remove(source);
    }

    @Override
    public HealthResult check() {
        return sources.isEmpty()
                ? HealthResult.failed("no event source is running: agents get no events")
                : HealthResult.ok("event sources running: " + String.join(", ", sources.values().stream().sorted().toList()));
    }
}
