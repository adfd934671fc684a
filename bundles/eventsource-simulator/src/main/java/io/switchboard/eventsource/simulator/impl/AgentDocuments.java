package io.switchboard.eventsource.simulator.impl;

import java.util.Collection;
import java.util.Set;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;

/** The REST documents of Finesse's User and Team resources, for the board and for desktops starting up. */
final class AgentDocuments {

    private AgentDocuments() {
    }

    /** {@code <User>}: the user object of the notifications, with the teams a supervisor supervises. */
    static Element user(Agent agent, Collection<Agent.Team> supervised) {
        Element user = FinesseUpdate.user(agent);
        user.setName("User");
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
        members.forEach(member -> {
            Element user = FinesseUpdate.teamMember(member);
            user.setName("User");
            users.add(user);
        });
        return document;
    }

    private static Element team(Element element, Agent.Team team) {
        element.addElement("id").setText(team.id());
        element.addElement("name").setText(team.name());
        element.addElement("uri").setText("/finesse/api/Team/" + team.id());
        return element;
    }

    /** The reasons an agent may give for NOT_READY. */
    static Set<Agent.ReasonCode> notReadyReasons() {
        return Set.of(Agent.ReasonCode.BREAK, Agent.ReasonCode.LUNCH);
    }
}
