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
        assertEquals("agent7", agent.profile().loginId());
        assertEquals("1007", agent.profile().extension());
    }

    @Test
    public void loginIdWithoutDigitsOrLettersIsUsedAsIs() {
        assertEquals("bob", new Agent("bob", SALES, List.of("Agent"), 1001).lastName());
        assertEquals("1234", new Agent("1234", SALES, List.of("Agent"), 1001).firstName());
    }

    @Test
    public void theEventCarriesStateReasonAndTeam() {
        Agent agent = new Agent("agent1", SALES, List.of("Agent", "Supervisor"), 1001);

        io.switchboard.api.events.AgentStateEvent event = agent.event();

        assertEquals(io.switchboard.api.events.AgentState.NOT_READY, event.state());
        assertEquals(32761, event.reasonCode().code());
        assertEquals(io.switchboard.api.events.AgentState.NOT_READY, event.reasonCode().category());
        assertEquals(new io.switchboard.api.events.Team("1", "Sales"), event.agent().team());
        assertEquals(List.of("Agent", "Supervisor"), event.agent().roles());
        assertEquals(agent.stateChangeTime, event.stateChangeTime());
    }

    @Test
    public void aNewAgentIsNotReadyOnABreak() {
        Agent agent = new Agent("agent1", SALES, List.of("Agent"), 1001);

        assertEquals(AgentState.NOT_READY, agent.state);
        assertEquals(Agent.ReasonCode.BREAK, agent.reason);
    }
}
