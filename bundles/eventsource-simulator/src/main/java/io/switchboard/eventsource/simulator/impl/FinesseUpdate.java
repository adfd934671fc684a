package io.switchboard.eventsource.simulator.impl;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * Builds the payload a Finesse desktop expects: {@code <notification xmlns=pubsub>} whose text is
 * the {@code <Update>} document, escaped, never child elements.
 */
final class FinesseUpdate {

    static final String PUBSUB_NS = "http://jabber.org/protocol/pubsub";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FinesseUpdate() {
    }

    /** The full user object, for the agent's own node. */
    static Element user(Agent agent) {
        Element user = DocumentHelper.createElement("user");
        user.addElement("dialogs").setText(agent.uri() + "/Dialogs");
        user.addElement("extension").setText(String.valueOf(agent.extension));
        user.addElement("firstName").setText(agent.firstName());
        user.addElement("lastName").setText(agent.lastName());
        user.addElement("loginId").setText(agent.loginId);
        user.addElement("loginName").setText(agent.loginId);
        user.addElement("pendingState");
        reason(user, agent);
        Element roles = user.addElement("roles");
        agent.roles.forEach(role -> roles.addElement("role").setText(role));
        user.addElement("settings").addElement("wrapUpOnIncoming").setText("OPTIONAL");
        user.addElement("state").setText(agent.state.name());
        user.addElement("stateChangeTime").setText(timestamp(agent.stateChangeTime));
        user.addElement("teamId").setText(agent.team.id());
        user.addElement("teamName").setText(agent.team.name());
        user.addElement("uri").setText(agent.uri());
        return user;
    }

    /** The summary a supervisor sees on the team node. */
    static Element teamMember(Agent agent) {
        Element user = DocumentHelper.createElement("user");
        user.addElement("uri").setText(agent.uri());
        user.addElement("loginId").setText(agent.loginId);
        user.addElement("firstName").setText(agent.firstName());
        user.addElement("lastName").setText(agent.lastName());
        user.addElement("extension").setText(String.valueOf(agent.extension));
        user.addElement("state").setText(agent.state.name());
        user.addElement("pendingState");
        reason(user, agent);
        user.addElement("stateChangeTime").setText(timestamp(agent.stateChangeTime));
        return user;
    }

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

    /** The notification element: an {@code <Update>} as escaped text. */
    static Element notification(Element data, String event, String source) {
        Element update = DocumentHelper.createElement("Update");
        update.addElement("data").add(data);
        update.addElement("event").setText(event);
        update.addElement("requestId");
        update.addElement("source").setText(source);
        Element notification = DocumentHelper.createElement(QName.get("notification", PUBSUB_NS));
        notification.setText(update.asXML());
        return notification;
    }

    /** ISO-8601 in UTC with milliseconds, as Finesse writes times. */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
