package io.switchboard.events.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard typed events",
        description = "Where event sources' typed events are published: the node scheme. Each node is a template; "
                + "{prefix} is the node prefix (a source may bring its own), {agent}, {team} and {queue} are ids.")
public @interface EventsConfiguration {

    String PID = "io.switchboard.events";

    @AttributeDefinition(name = "Node prefix", description = "The root of every node, e.g. /finesse/api; starts with '/'.")
    String nodePrefix() default "/finesse/api";

    @AttributeDefinition(name = "User node", description = "An agent's node: its state.")
    String userNode() default "{prefix}/User/{agent}";

    @AttributeDefinition(name = "Team node", description = "A team's node: its members' states and membership.")
    String teamNode() default "{prefix}/Team/{team}/Users";

    @AttributeDefinition(name = "Dialogs node", description = "An agent's calls.")
    String dialogsNode() default "{prefix}/User/{agent}/Dialogs";

    @AttributeDefinition(name = "Queue node", description = "A queue's statistics.")
    String queueNode() default "{prefix}/Queue/{queue}";
}
