package io.switchboard.core.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard stream limits",
        description = "Limits every client stream keeps, whatever its transport. Changes apply to new streams; open ones carry on.")
public @interface StreamLimits {

    String PID = "io.switchboard.stream";

    @AttributeDefinition(name = "Stanzas per second",
            description = "Sustained rate of elements a client may send. A faster client is read more slowly; "
                    + "one that needs slowing down for more than a burst of elements in a row is ended with policy-violation.")
    int maxStanzasPerSecond() default 100;

    @AttributeDefinition(name = "Burst", description = "Elements a client may send at once before it is slowed down.")
    int stanzaBurst() default 200;

    @AttributeDefinition(name = "Unauthenticated connections per address",
            description = "Connections from one IP address that may be open before authenticating; "
                    + "one more is ended at once with policy-violation. 0 for no limit.")
    int maxUnauthenticatedPerAddress() default 64;
}
