package io.switchboard.eventsource.simulator.impl;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Set;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;

/** The REST documents of Finesse's User and Team resources, for the board and for desktops starting up. */
final class AgentDocuments {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AgentDocuments() {
    }

    /** {@code <User>} as Finesse's User resource writes it, with the teams a supervisor supervises. */
    static Element user(Agent agent, Collection<Agent.Team> supervised) {
        Element user = DocumentHelper.createElement("User");
        user.addElement("extension").setText(String.valueOf(agent.extension));
        user.addElement("firstName").setText(agent.firstName());
        user.addElement("lastName").setText(agent.lastName());
        user.addElement("loginId").setText(agent.loginId);
        user.addElement("loginName").setText(agent.loginId);
        user.addElement("pendingState");
        reason(user, agent);
        Element roles = user.addElement("roles");
        agent.roles.forEach(role -> roles.addElement("role").setText(role));
        user.addElement("state").setText(agent.state.name());
        user.addElement("stateChangeTime").setText(TIMESTAMP.format(agent.stateChangeTime));
        user.addElement("teamId").setText(agent.team.id());
        user.addElement("teamName").setText(agent.team.name());
        user.addElement("uri").setText("/finesse/api/User/" + agent.loginId);
        if (!supervised.isEmpty()) {
            Element teams = user.addElement("teams");
            supervised.forEach(team -> team(teams.addElement("Team"), team));
        }
        return user;
    }

    /** {@code <Team>} with its members and their states. */
    static Element team(Agent.Team team, Collection<Agent> members) {
        Element document = team(DocumentHelper.createElement("Team"), team);
        Element users = document.addElement("users");
        for (Agent member : members) {
            Element user = users.addElement("User");
            user.addElement("uri").setText("/finesse/api/User/" + member.loginId);
            user.addElement("loginId").setText(member.loginId);
            user.addElement("firstName").setText(member.firstName());
            user.addElement("lastName").setText(member.lastName());
            user.addElement("extension").setText(String.valueOf(member.extension));
            user.addElement("state").setText(member.state.name());
            user.addElement("pendingState");
            reason(user, member);
            user.addElement("stateChangeTime").setText(TIMESTAMP.format(member.stateChangeTime));
        }
        return document;
    }

    private static Element team(Element element, Agent.Team team) {
        element.addElement("id").setText(team.id());
        element.addElement("name").setText(team.name());
        element.addElement("uri").setText("/finesse/api/Team/" + team.id());
        return element;
    }

    /** The reason code, when it belongs to the agent's state (a NOT_READY reason while NOT_READY). */
    private static void reason(Element user, Agent agent) {
        boolean hasReason = agent.reason != null && agent.reason.category.equals(agent.state.name());
        user.addElement("reasonCodeId").setText(hasReason ? String.valueOf(agent.reason.id) : "-1");
        if (hasReason) {
            Element reasonCode = user.addElement("ReasonCode");
            reasonCode.addElement("category").setText(agent.reason.category);
            reasonCode.addElement("code").setText(String.valueOf(agent.reason.code));
            reasonCode.addElement("label").setText(agent.reason.label);
            reasonCode.addElement("id").setText(String.valueOf(agent.reason.id));
            reasonCode.addElement("uri").setText("/finesse/api/ReasonCode/" + agent.reason.id);
        }
    }

    /** The reasons an agent may give for NOT_READY. */
    static Set<Agent.ReasonCode> notReadyReasons() {
        return Set.of(Agent.ReasonCode.BREAK, Agent.ReasonCode.LUNCH);
    }
}
