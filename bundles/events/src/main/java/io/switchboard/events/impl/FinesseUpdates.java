package io.switchboard.events.impl;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

import io.switchboard.api.events.Agent;
import io.switchboard.api.events.AgentState;
import io.switchboard.api.events.AgentStateEvent;
import io.switchboard.api.events.DialogEvent;
import io.switchboard.api.events.QueueStatisticsEvent;
import io.switchboard.api.events.ReasonCode;

/**
 * The one place typed events become what a Finesse desktop reads: the REST objects ({@code <user>},
 * {@code <Dialog>}, {@code <Queue>}) wrapped in an {@code <Update>} that travels as the escaped text of
 * {@code <notification xmlns=pubsub>}, never as child elements.
 */
final class FinesseUpdates {

    static final String PUBSUB_NS = "http://jabber.org/protocol/pubsub";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final NodeScheme scheme;

    FinesseUpdates(NodeScheme scheme) {
        this.scheme = scheme;
    }

    /** The full user object, for the agent's own node. */
    Element user(AgentStateEvent event) {
        Agent agent = event.agent();
        String uri = scheme.userNode(agent.loginId());
        Element user = DocumentHelper.createElement("user");
        add(user, "dialogs", scheme.dialogsNode(agent.loginId()));
        add(user, "extension", agent.extension());
        add(user, "firstName", agent.firstName());
        add(user, "lastName", agent.lastName());
        add(user, "loginId", agent.loginId());
        add(user, "loginName", agent.loginId());
        add(user, "pendingState", name(event.pendingState()));
        reason(user, event.state(), event.reasonCode());
        Element roles = user.addElement("roles");
        agent.roles().forEach(role -> add(roles, "role", role));
        user.addElement("settings").addElement("wrapUpOnIncoming").setText("OPTIONAL");
        add(user, "state", event.state().name());
        add(user, "stateChangeTime", timestamp(event.stateChangeTime()));
        add(user, "teamId", agent.team() == null ? "" : agent.team().id());
        add(user, "teamName", agent.team() == null ? "" : agent.team().name());
        add(user, "uri", uri);
        return user;
    }

    /** The summary a supervisor sees on the team node. */
    Element teamMember(AgentStateEvent event) {
        Element user = memberSummary(event.agent(), event.state(), event.pendingState());
        reason(user, event.state(), event.reasonCode());
        add(user, "stateChangeTime", timestamp(event.stateChangeTime()));
        return user;
    }

    /** A member who joined or left, for the team node; its state when known. */
    Element teamMember(Agent agent, AgentState state) {
        Element user = memberSummary(agent, state, null);
        add(user, "reasonCodeId", "-1");
        return user;
    }

    private Element memberSummary(Agent agent, AgentState state, AgentState pendingState) {
        Element user = DocumentHelper.createElement("user");
        add(user, "uri", scheme.userNode(agent.loginId()));
        add(user, "loginId", agent.loginId());
        add(user, "firstName", agent.firstName());
        add(user, "lastName", agent.lastName());
        add(user, "extension", agent.extension());
        add(user, "state", name(state));
        add(user, "pendingState", name(pendingState));
        return user;
    }

    /** A reason code is shown only for the state it explains (a logout reason does not explain NOT_READY). */
    private void reason(Element user, AgentState state, ReasonCode reason) {
        boolean hasReason = reason != null && reason.category() == state;
        add(user, "reasonCodeId", hasReason ? String.valueOf(reason.id()) : "-1");
        if (hasReason) {
            Element reasonCode = user.addElement("ReasonCode");
            add(reasonCode, "category", reason.category().name());
            add(reasonCode, "code", String.valueOf(reason.code()));
            add(reasonCode, "label", reason.label());
            add(reasonCode, "id", String.valueOf(reason.id()));
            add(reasonCode, "uri", scheme.path("ReasonCode", String.valueOf(reason.id())));
        }
    }

    /** A call, for the agent's dialogs node. */
    Element dialog(DialogEvent event) {
        Element dialog = DocumentHelper.createElement("Dialog");
        add(dialog, "fromAddress", event.fromAddress());
        add(dialog, "id", event.dialogId());
        add(dialog, "mediaType", event.mediaType());
        Element participant = dialog.addElement("participants").addElement("Participant");
        add(participant, "mediaAddress", event.agent().extension());
        add(participant, "state", event.state());
        add(participant, "startTime", event.startTime() == null ? "" : timestamp(event.startTime()));
        add(dialog, "state", event.state());
        add(dialog, "toAddress", event.toAddress());
        add(dialog, "uri", dialogUri(event));
        return dialog;
    }

    String dialogUri(DialogEvent event) {
        return scheme.path("Dialog", event.dialogId());
    }

    /** A queue's statistics, for the queue's node. */
    Element queue(QueueStatisticsEvent event) {
        Element queue = DocumentHelper.createElement("Queue");
        add(queue, "name", event.queueName());
        Element statistics = queue.addElement("statistics");
        add(statistics, "callsInQueue", String.valueOf(event.callsInQueue()));
        add(statistics, "startTimeOfLongestCallInQueue",
                event.startTimeOfLongestCallInQueue() == null ? "" : timestamp(event.startTimeOfLongestCallInQueue()));
        add(statistics, "agentsReady", String.valueOf(event.agentsReady()));
        add(statistics, "agentsNotReady", String.valueOf(event.agentsNotReady()));
        add(statistics, "agentsTalkingInbound", String.valueOf(event.agentsTalking()));
        add(statistics, "agentsLoggedOn", String.valueOf(event.agentsLoggedOn()));
        add(queue, "uri", scheme.queueNode(event.queueId()));
        return queue;
    }

    /** The notification element: an {@code <Update>} as escaped text. */
    static Element notification(Element data, String event, String source) {
        Element update = DocumentHelper.createElement("Update");
        update.addElement("data").add(data);
        add(update, "event", event);
        update.addElement("requestId");
        add(update, "source", source);
        Element notification = DocumentHelper.createElement(QName.get("notification", PUBSUB_NS));
        notification.setText(update.asXML());
        return notification;
    }

    /** ISO-8601 in UTC with milliseconds, as Finesse writes times. */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** A child with this text; an empty one is written {@code <name/>}, as Finesse does. */
    private static void add(Element parent, String name, String text) {
        Element child = parent.addElement(name);
        if (text != null && !text.isEmpty()) {
            child.setText(text);
        }
    }

    private static String name(AgentState state) {
        return state == null ? "" : state.name();
    }
}
