package io.switchboard.presence.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard idle client pings",
        description = "XEP-0199: clients that have sent nothing for a while are pinged; those that stay silent are disconnected.")
public @interface IdlePingConfiguration {

    @AttributeDefinition(name = "Ping after", description = "Seconds of silence after which the server pings a client.")
    int idleSeconds() default 120;

    @AttributeDefinition(name = "Missed pings", description = "Unanswered pings after which the session ends with connection-timeout.")
    int missedPings() default 2;
}
