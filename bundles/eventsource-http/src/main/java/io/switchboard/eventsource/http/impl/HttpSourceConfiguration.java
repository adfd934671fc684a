package io.switchboard.eventsource.http.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard HTTP event source",
        description = "An external system (an ACD, a CRM) POSTs contact-centre events as JSON or XML to this path. "
                + "One instance per factory configuration (config/io.switchboard.eventsource.http-NAME.cfg).")
public @interface HttpSourceConfiguration {

    String PID = "io.switchboard.eventsource.http";

    @AttributeDefinition(name = "Name", description = "The source's name for operators (switchboard:sources); empty: 'http' and the path.")
    String name() default "";

    @AttributeDefinition(name = "Path", description = "Where events are POSTed, on the server's HTTP listeners, e.g. /events/acd.")
    String path() default "/events";

    @AttributeDefinition(name = "API key", type = AttributeType.PASSWORD,
            description = "The key a request carries in X-API-Key (or Authorization: Bearer KEY). Required.")
    String apiKey() default "";

    @AttributeDefinition(name = "Node prefix", description = "Root of the nodes this source publishes to, e.g. /acme; empty: the server's node scheme (/finesse/api).")
    String nodePrefix() default "";

    @AttributeDefinition(name = "Teams", description = "Teams as id:name, e.g. 1:Sales.")
    String[] teams() default {};

    @AttributeDefinition(name = "Agents", description = "The agents this feed speaks for, as loginId:teamId (or loginId alone, for an agent without a team). Events of any other agent are refused.")
    String[] agents() default {};

    @AttributeDefinition(name = "Supervisors", description = "Supervisors as loginId:teamId; they may read their team's node.")
    String[] supervisors() default {};

    @AttributeDefinition(name = "Rate", description = "Requests per second allowed on average; more are answered 429.")
    double maxRequestsPerSecond() default 20;

    @AttributeDefinition(name = "Burst", description = "Requests allowed at once above the rate.")
    int burst() default 40;

    @AttributeDefinition(name = "Largest body", description = "Bytes a request body may have; larger is answered 413.")
    int maxBodyBytes() default 65536;

    @AttributeDefinition(name = "Events per request", description = "Events one request may carry.")
    int maxEventsPerRequest() default 100;
}
