package io.switchboard.health.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard health",
        description = "GET /health on the HTTP listeners: every health check run, 200 when all are healthy, 503 when one is not.")
public @interface HealthConfiguration {

    String PID = "io.switchboard.health";

    @AttributeDefinition(name = "Required checks",
            description = "Checks that must be there: one that is missing (its bundle stopped, say) is reported unhealthy.")
    String[] required() default {"transports", "auth", "database", "eventsources"};
}
