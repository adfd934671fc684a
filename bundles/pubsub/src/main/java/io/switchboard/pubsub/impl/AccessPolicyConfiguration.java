package io.switchboard.pubsub.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the default access policy finds users' and teams' nodes. The Finesse model by default; an
 * operator who gives the events another node scheme (io.switchboard.events, an HTTP source's
 * nodePrefix) names its nodes here too, or they are readable by every user.
 */
@ObjectClassDefinition(
        name = "Switchboard pubsub access policy",
        description = "Which nodes belong to one user, which to one team's supervisors, and where clients may not create nodes.")
public @interface AccessPolicyConfiguration {

    String PID = "io.switchboard.pubsub.access";

    @AttributeDefinition(name = "User nodes", description = "Templates with {user}: the node and those below it are "
            + "readable by that user only.")
    String[] userNodes() default {"/finesse/api/User/{user}"};

    @AttributeDefinition(name = "Team nodes", description = "Templates with {team}: the node and those below it are "
            + "readable by that team's supervisors only (as an event source's directory says).")
    String[] teamNodes() default {"/finesse/api/Team/{team}"};

    @AttributeDefinition(name = "Reserved prefixes", description = "Node names with these beginnings belong to the event "
            + "sources: no client may create one.")
    String[] reservedPrefixes() default {"/finesse/"};
}
