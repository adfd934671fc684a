package io.switchboard.eventsource.simulator.impl;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

public class AgentTest {

    private static final Agent.Team SALES = new Agent.Team("1", "Sales");

    @Test
    public void namesComeFromTheLoginId() {
        Agent agent = new Agent("agent7", SALES, List.of("Agent"), 1007);

        assertEquals("Agent", agent.firstName());
        assertEquals("7", agent.lastName());
        assertEquals("/finesse/api/User/agent7", agent.uri());
    }

    @Test
    public void loginIdWithoutDigitsOrLettersIsUsedAsIs() {
        assertEquals("bob", new Agent("bob", SALES, List.of("Agent"), 1001).lastName());
        assertEquals("1234", new Agent("1234", SALES, List.of("Agent"), 1001).firstName());
    }

    @Test
    public void teamNodeIsTheFinesseTeamUsersUri() {
        assertEquals("/finesse/api/Team/1/Users", SALES.usersNode());
    }

    @Test
    public void aNewAgentIsNotReadyOnABreak() {
        Agent agent = new Agent("agent1", SALES, List.of("Agent"), 1001);

        assertEquals(AgentState.NOT_READY, agent.state);
        assertEquals(Agent.ReasonCode.BREAK, agent.reason);
    }
}
