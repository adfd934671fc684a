package io.switchboard.eventsource.simulator.impl;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import io.switchboard.api.events.AgentStateEvent;

/** One simulated agent or supervisor and its current state. Mutated only by the simulator's thread. */
final class Agent {

    final String loginId;
    final Team team;
    final List<String> roles;
    final int extension;
    AgentState state = AgentState.NOT_READY;
    ReasonCode reason = ReasonCode.BREAK;
    Instant stateChangeTime = Instant.now();
    /** Logged out because its desktop went away: left alone until the desktop is back. */
    boolean desktopGone;
    /** The logout that follows a desktop going away, while the grace period runs. */
    ScheduledFuture<?> pendingLogout;
    /** The call the agent is offered or on; null between calls. */
    Call call;
    /** The agent's own next change, not a call's: the end of wrap-up or of a NOT_READY spell. */
    Timers.Timer timer;

    Agent(String loginId, Team team, List<String> roles, int extension) {
        this.loginId = loginId;
        this.team = team;
        this.roles = roles;
        this.extension = extension;
    }

    /** Who the agent is, as typed events carry it. */
    io.switchboard.api.events.Agent profile() {
        return new io.switchboard.api.events.Agent(loginId, firstName(), lastName(), String.valueOf(extension), roles,
                team.profile());
    }

    /** The agent's state now, as a typed event. */
    AgentStateEvent event() {
        return new AgentStateEvent(profile(), io.switchboard.api.events.AgentState.valueOf(state.name()), null,
                reason == null ? null : reason.profile(), stateChangeTime);
    }

    /** "agent7" becomes first name "Agent", last name "7". */
    String firstName() {
        String letters = loginId.replaceAll("[^A-Za-z]", "");
        return letters.isEmpty() ? loginId : Character.toUpperCase(letters.charAt(0)) + letters.substring(1);
    }

    String lastName() {
        String digits = loginId.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? loginId : digits;
    }

    /** As at the start of a simulation: NOT_READY on a break, no call, no timer, its desktop taken as present. */
    void restart(Instant at) {
        change(AgentState.NOT_READY, ReasonCode.BREAK, at);
        desktopGone = false;
        pendingLogout = null;
        call = null;
        timer = null;
    }

    void change(AgentState next, ReasonCode reasonCode, Instant at) {
        state = next;
        reason = reasonCode;
        stateChangeTime = at;
    }

    record Team(String id, String name) {
        io.switchboard.api.events.Team profile() {
            return new io.switchboard.api.events.Team(id, name);
        }
    }

    /** Not-ready and logout reasons, as a Finesse administrator would define them. */
    enum ReasonCode {
        BREAK(1, 32761, "Break", "NOT_READY"),
        LUNCH(2, 32762, "Lunch", "NOT_READY"),
        END_OF_SHIFT(3, 32763, "End of shift", "LOGOUT"),
        /** Logged out by the server: the agent's desktop went away and did not come back in time. */
        CONNECTION_LOST(4, 32764, "Connection lost", "LOGOUT");

        final int id;
        final int code;
        final String label;
        final String category;

        ReasonCode(int id, int code, String label, String category) {
            this.id = id;
            this.code = code;
            this.label = label;
            this.category = category;
        }

        io.switchboard.api.events.ReasonCode profile() {
            return new io.switchboard.api.events.ReasonCode(id, code, label, io.switchboard.api.events.AgentState.valueOf(category));
        }
    }
}
