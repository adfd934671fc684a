package io.switchboard.eventsource.simulator.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard contact-centre simulator",
        description = "A simulated contact centre whose agents change state and publish Finesse events.")
public @interface SimulatorConfiguration {

    @AttributeDefinition(name = "Teams", description = "Teams as id:name, e.g. 1:Sales.")
    String[] teams() default {"1:Sales", "2:Support"};

    @AttributeDefinition(name = "Agents", description = "Agents as loginId:teamId. Each needs a user to log in as.")
    String[] agents() default {"agent1:1", "agent2:1", "agent3:1", "agent4:2", "agent5:2", "agent6:2"};

    @AttributeDefinition(name = "Supervisors", description = "Supervisors as loginId:teamId; they see their team's node.")
    String[] supervisors() default {"supervisor1:1", "supervisor2:2"};

    @AttributeDefinition(name = "Pace", description = "Milliseconds between two agent state changes across the whole centre.")
    long intervalMillis() default 2000;

    @AttributeDefinition(name = "Logout grace", description = "Seconds an agent's last desktop may be gone before the agent is logged out, as Finesse does.")
    long logoutGraceSeconds() default 60;
}
