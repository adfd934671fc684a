package io.switchboard.core.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard core",
        description = "The XMPP domain this server answers for.")
public @interface CoreConfiguration {

    String PID = "io.switchboard.core";

    @AttributeDefinition(
            name = "XMPP domain",
            description = "The domain users log in to (the part after @ in their JIDs). Changing it ends every session.")
    String domain() default "localhost";
}
