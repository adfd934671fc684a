package io.switchboard.health.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard health",
        description = "GET /health on the HTTP listeners: the Felix health checks of these tags run, 200 when all are healthy, 503 when one is not.")
public @interface HealthConfiguration {

    String PID = "io.switchboard.health";

    @AttributeDefinition(name = "Tags", description = "The Felix health checks (hc.tags) that /health runs: any of these tags.")
    String[] tags() default {Checks.TAG};

    @AttributeDefinition(name = "Required checks",
            description = "Checks (hc.name) that must be there: one that is missing (its bundle stopped, say) is reported unhealthy.")
    String[] required() default {"transports", "auth", "database", "eventsources"};
}
