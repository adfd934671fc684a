package io.switchboard.metrics.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard metrics",
        description = "Where /metrics (Prometheus text) is served: on the main HTTP listeners, or on a plain listener of its own.")
public @interface MetricsConfiguration {

    String PID = "io.switchboard.metrics";

    @AttributeDefinition(name = "Port", description = "Port of a plain http:// listener that serves only /metrics; "
            + "-1 for none (then /metrics is on the main HTTP listeners), 0 picks a free port.")
    int port() default -1;

    @AttributeDefinition(name = "Bind address", description = "Address of that listener: loopback by default; "
            + "0.0.0.0 (or one interface's address) for a scraper on another host.")
    String bindAddress() default "127.0.0.1";

    @AttributeDefinition(name = "Also on the main listeners", description = "With a port of its own, /metrics leaves the main "
            + "HTTP listeners unless this is true.")
    boolean alsoOnMainPorts() default false;
}
