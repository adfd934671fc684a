package io.switchboard.streammanagement.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard stream management",
        description = "XEP-0198: acknowledgements, and resumption of a session whose connection dropped. "
                + "Changes apply to sessions that enable it from then on.")
public @interface StreamManagementSettings {

    String PID = "io.switchboard.streammanagement";

    @AttributeDefinition(name = "Transports",
            description = "Transports that offer stream management. BOSH has its own acknowledgements (rid and ack) and is not listed.")
    String[] transports() default {"websocket", "tcp"};

    @AttributeDefinition(name = "Resume seconds",
            description = "How long a session whose connection dropped is kept, detached, for its client to resume it, "
                    + "when the client does not ask for less.")
    int resumeSeconds() default 300;

    @AttributeDefinition(name = "Longest resume seconds",
            description = "The most a client may ask for with the max attribute of <enable/>; resumeSeconds is capped by it too.")
    int maxResumeSeconds() default 900;

    @AttributeDefinition(name = "Stanzas kept per session",
            description = "Unacknowledged stanzas a session may hold. A detached session that needs more ends, and its queue is dropped; "
                    + "a connected client that falls this far behind acknowledging is ended with resource-constraint.")
    int maxQueuedStanzas() default 1000;

    @AttributeDefinition(name = "Kilobytes kept per detached session",
            description = "The size of the stanzas a detached session may hold; beyond it the session ends and its queue is dropped.")
    int maxQueuedKilobytes() default 1024;

    @AttributeDefinition(name = "Request an acknowledgement after",
            description = "The server asks the client for an acknowledgement (<r/>) once this many stanzas it sent are unacknowledged.")
    int requestAckAfter() default 5;

    @AttributeDefinition(name = "Detached sessions per user",
            description = "Sessions of one user that may wait to be resumed at once; a further one ends when its connection drops.")
    int maxDetachedPerUser() default 5;

    @AttributeDefinition(name = "Detached sessions",
            description = "Sessions of all users that may wait to be resumed at once; a further one ends when its connection drops.")
    int maxDetached() default 20000;
}
