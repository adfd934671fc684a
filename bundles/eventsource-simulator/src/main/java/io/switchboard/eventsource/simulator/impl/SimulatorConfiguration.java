package io.switchboard.eventsource.simulator.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The simulated contact centre. With {@code callsPerMinute} 0 (the default) agents only walk through
 * the agent states at {@code intervalMillis}, as before calls were simulated; above 0 calls arrive
 * in queues and drive RESERVED, TALKING, HOLD and wrap-up, with dialogs and queue statistics.
 */
@ObjectClassDefinition(
        name = "Switchboard contact-centre simulator",
        description = "A simulated contact centre whose agents change state and take calls, publishing Finesse user, team, "
                + "dialog and queue events.")
public @interface SimulatorConfiguration {

    @AttributeDefinition(name = "Teams", description = "Teams as id:name, e.g. 1:Sales.")
    String[] teams() default {"1:Sales", "2:Support"};

    @AttributeDefinition(name = "Agents", description = "Agents as loginId:teamId. Each needs a user to log in as.")
    String[] agents() default {"agent1:1", "agent2:1", "agent3:1", "agent4:2", "agent5:2", "agent6:2"};

    @AttributeDefinition(name = "Supervisors", description = "Supervisors as loginId:teamId; they see their team's node and take calls too.")
    String[] supervisors() default {"supervisor1:1", "supervisor2:2"};

    @AttributeDefinition(name = "Pace", description = "Milliseconds between two state changes that are not calls, across the whole "
            + "centre. Without calls: one agent takes its next step through all the states. With calls: one idle READY agent "
            + "goes NOT_READY with a reason code.")
    long intervalMillis() default 2000;

    @AttributeDefinition(name = "Logout grace", description = "Seconds an agent's last desktop may be gone before the agent is "
            + "logged out, as Finesse does; a call it is on is dropped.")
    long logoutGraceSeconds() default 60;

    @AttributeDefinition(name = "Queues", description = "Queues as id:name:teamId[,teamId…]: the teams whose agents answer "
            + "the queue's calls, e.g. 1:Sales Queue:1. Empty: one queue per team, with the team's id and name.")
    String[] queues() default {};

    @AttributeDefinition(name = "Calls per minute", description = "Calls arriving across the whole centre per minute (Poisson), "
            + "each in a queue chosen at random. 0: no calls, the agents walk through the states at the pace.")
    double callsPerMinute() default 0;

    @AttributeDefinition(name = "Ring time", description = "Seconds a call alerts (agent RESERVED, dialog ALERTING) before the agent answers.")
    double ringSeconds() default 3;

    @AttributeDefinition(name = "Handle time", description = "Mean seconds an agent talks (TALKING, dialog ACTIVE), not counting hold.")
    double handleSeconds() default 60;

    @AttributeDefinition(name = "Hold probability", description = "Percent of calls put on HOLD once (dialog HELD), halfway through.")
    double holdPercent() default 20;

    @AttributeDefinition(name = "Hold time", description = "Mean seconds a held call stays on hold.")
    double holdSeconds() default 15;

    @AttributeDefinition(name = "Wrap-up probability", description = "Percent of calls followed by wrap-up: WORK_READY (then READY) "
            + "or, for the not-ready share, WORK (then NOT_READY).")
    double wrapUpPercent() default 50;

    @AttributeDefinition(name = "Wrap-up time", description = "Mean seconds of wrap-up.")
    double wrapUpSeconds() default 15;

    @AttributeDefinition(name = "Not ready after a call", description = "Percent of calls after which the agent goes NOT_READY "
            + "with a reason code (Break, Lunch) instead of READY.")
    double notReadyPercent() default 10;

    @AttributeDefinition(name = "Not-ready time", description = "Mean seconds a simulated agent stays NOT_READY before it is "
            + "READY again; agents log in over the first this many seconds.")
    double notReadySeconds() default 30;

    @AttributeDefinition(name = "Patience", description = "Seconds a caller waits in the queue before hanging up (abandoned).")
    double abandonSeconds() default 120;

    @AttributeDefinition(name = "Queue statistics interval", description = "Milliseconds between two publications of queue "
            + "statistics; a queue's node gets an update only when its statistics changed.")
    long queueStatisticsMillis() default 1000;

    @AttributeDefinition(name = "Seed", description = "Seed of the simulation's random numbers, for runs that repeat; 0: a new seed each start.")
    long seed() default 0;
}
