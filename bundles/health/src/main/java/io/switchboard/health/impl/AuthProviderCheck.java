package io.switchboard.health.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.switchboard.api.auth.AuthProvider;

/** "auth": at least one {@link AuthProvider} is there, or no one can log in. */
@Component(immediate = true, property = {HealthCheck.NAME + "=auth", Checks.TAGS, Checks.DEFAULT_TAG})
public class AuthProviderCheck implements HealthCheck {

    private final Map<AuthProvider, String> providers = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(AuthProvider provider, Map<String, Object> properties) {
        Object pid = properties.getOrDefault(Constants.SERVICE_PID, properties.get("component.name"));
        providers.put(provider, String.valueOf(pid));
    }

    void removeProvider(AuthProvider provider) {
        providers.remove(provider);
    }

    @Override
    public Result execute() {
        return providers.isEmpty()
                ? Checks.critical("no authentication provider is registered: no one can log in")
                : Checks.ok("authentication providers: " + String.join(", ", providers.values().stream().sorted().toList()));
    }
}
