package io.switchboard.events.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Node;
import org.junit.Test;

import io.switchboard.api.events.Agent;
import io.switchboard.api.events.AgentState;
import io.switchboard.api.events.AgentStateEvent;
import io.switchboard.api.events.ReasonCode;
import io.switchboard.api.events.Team;

/** The Finesse mapping, as the simulator has always published it (these cases moved here with it). */
public class FinesseUpdatesTest {

    private static final String PUBSUB_NS = "http://jabber.org/protocol/pubsub";
    private static final Team SALES = new Team("1", "Sales");
    private static final Instant CHANGED = Instant.parse("2024-03-05T10:00:00Z");
    private static final ReasonCode LUNCH = new ReasonCode(2, 32762, "Lunch", AgentState.NOT_READY);
    private static final ReasonCode END_OF_SHIFT = new ReasonCode(3, 32763, "End of shift", AgentState.LOGOUT);

    private final Agent agent = new Agent("agent1", "Agent", "1", "1001", List.of("Agent"), SALES);
    private final FinesseUpdates updates = new FinesseUpdates(NodeScheme.FINESSE);
    private final String uri = "/finesse/api/User/agent1";

    // ---- the notification -----------------------------------------------------------------------

    @Test
    public void notificationIsInThePubSubNamespaceAndHoldsOnlyText() {
        Element notification = FinesseUpdates.notification(updates.user(ready()), "PUT", uri);

        assertEquals("notification", notification.getName());
        assertEquals(PUBSUB_NS, notification.getNamespaceURI());
        assertTrue("no child elements", notification.elements().isEmpty());
        assertEquals(1, notification.nodeCount());
        assertEquals(Node.TEXT_NODE, notification.node(0).getNodeType());
    }

    @Test
    public void notificationTextIsTheUpdateDocument() throws DocumentException {
        Element notification = FinesseUpdates.notification(updates.user(ready()), "PUT", uri);

        Element update = parse(notification.getText());

        assertEquals("Update", update.getName());
        assertEquals("", update.getNamespaceURI());
        assertEquals(List.of("data", "event", "requestId", "source"), childNames(update));
        assertNotNull(update.element("data").element("user"));
        assertEquals("PUT", update.elementText("event"));
        assertEquals("", update.elementText("requestId"));
        assertEquals("/finesse/api/User/agent1", update.elementText("source"));
    }

    @Test
    public void serializedNotificationCarriesTheUpdateEscaped() {
        Element notification = FinesseUpdates.notification(updates.teamMember(ready()), "PUT", uri);

        String xml = notification.asXML();

        assertTrue(xml, xml.contains("&lt;Update&gt;"));
        assertTrue(xml, xml.contains("&lt;/Update&gt;"));
        assertFalse("the update is never markup", xml.contains("<Update>"));
    }

    // ---- the user object ------------------------------------------------------------------------

    @Test
    public void stateChangeTimeIsUtcWithMilliseconds() {
        AgentStateEvent event = new AgentStateEvent(agent, AgentState.READY, null, null, Instant.parse("2024-03-05T23:07:09.042Z"));

        assertEquals("2024-03-05T23:07:09.042Z", updates.user(event).elementText("stateChangeTime"));
        assertEquals("2024-03-05T23:07:09.042Z", updates.teamMember(event).elementText("stateChangeTime"));
    }

    @Test
    public void wholeSecondsStillShowThreeDigitsOfMilliseconds() {
        assertEquals("2024-01-01T00:00:00.000Z", FinesseUpdates.timestamp(Instant.parse("2024-01-01T00:00:00Z")));
    }

    @Test
    public void timestampMatchesTheFinessePattern() {
        String timestamp = FinesseUpdates.timestamp(Instant.ofEpochMilli(1_700_000_000_123L));

        assertTrue(timestamp, timestamp.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"));
        assertEquals("2023-11-14T22:13:20.123Z", timestamp);
    }

    @Test
    public void userCarriesStateTeamAndRoles() {
        Agent supervisor = new Agent("supervisor1", "Supervisor", "1", "1007", List.of("Agent", "Supervisor"), SALES);

        Element user = updates.user(new AgentStateEvent(supervisor, AgentState.TALKING, null, null, CHANGED));

        assertEquals("TALKING", user.elementText("state"));
        assertEquals("1007", user.elementText("extension"));
        assertEquals("Supervisor", user.elementText("firstName"));
        assertEquals("1", user.elementText("lastName"));
        assertEquals("supervisor1", user.elementText("loginId"));
        assertEquals("1", user.elementText("teamId"));
        assertEquals("Sales", user.elementText("teamName"));
        assertEquals("/finesse/api/User/supervisor1", user.elementText("uri"));
        assertEquals("/finesse/api/User/supervisor1/Dialogs", user.elementText("dialogs"));
        List<String> roles = new ArrayList<>();
        user.element("roles").elements("role").forEach(role -> roles.add(role.getText()));
        assertEquals(List.of("Agent", "Supervisor"), roles);
        assertEquals("-1", user.elementText("reasonCodeId"));
        assertNull(user.element("ReasonCode"));
    }

    // ---- the team member summary ----------------------------------------------------------------

    @Test
    public void teamMemberSummaryHasExactlyTheSummaryFields() {
        Element member = teamMemberAfter(AgentState.READY, null);

        assertEquals(List.of("uri", "loginId", "firstName", "lastName", "extension", "state", "pendingState",
                "reasonCodeId", "stateChangeTime"), childNames(member));
        assertEquals("/finesse/api/User/agent1", member.elementText("uri"));
        assertEquals("agent1", member.elementText("loginId"));
        assertEquals("Agent", member.elementText("firstName"));
        assertEquals("1", member.elementText("lastName"));
        assertEquals("1001", member.elementText("extension"));
        assertEquals("READY", member.elementText("state"));
        assertEquals("", member.elementText("pendingState"));
        assertEquals("-1", member.elementText("reasonCodeId"));
    }

    @Test
    public void teamMemberInANotReadyReasonAlsoHasTheReasonCode() {
        Element member = teamMemberAfter(AgentState.NOT_READY, LUNCH);

        assertEquals(List.of("uri", "loginId", "firstName", "lastName", "extension", "state", "pendingState",
                "reasonCodeId", "ReasonCode", "stateChangeTime"), childNames(member));
        assertEquals("2", member.elementText("reasonCodeId"));
        Element reasonCode = member.element("ReasonCode");
        assertEquals(List.of("category", "code", "label", "id", "uri"), childNames(reasonCode));
        assertEquals("NOT_READY", reasonCode.elementText("category"));
        assertEquals("32762", reasonCode.elementText("code"));
        assertEquals("Lunch", reasonCode.elementText("label"));
        assertEquals("2", reasonCode.elementText("id"));
        assertEquals("/finesse/api/ReasonCode/2", reasonCode.elementText("uri"));
    }

    @Test
    public void teamMemberLoggedOutHasTheLogoutReasonCode() {
        Element member = teamMemberAfter(AgentState.LOGOUT, END_OF_SHIFT);

        assertEquals("3", member.elementText("reasonCodeId"));
        assertEquals("LOGOUT", member.element("ReasonCode").elementText("category"));
    }

    @Test
    public void aReasonOfTheWrongCategoryIsNotShown() {
        // a logout reason does not explain NOT_READY
        Element member = teamMemberAfter(AgentState.NOT_READY, END_OF_SHIFT);

        assertEquals("-1", member.elementText("reasonCodeId"));
        assertNull(member.element("ReasonCode"));
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The team member summary of {@link #agent} once it has changed to this state, for this reason. */
    private Element teamMemberAfter(AgentState state, ReasonCode reason) {
        return updates.teamMember(new AgentStateEvent(agent, state, null, reason, CHANGED));
    }

    private AgentStateEvent ready() {
        return new AgentStateEvent(agent, AgentState.READY, null, null, CHANGED);
    }

    private static Element parse(String xml) throws DocumentException {
        Document document = DocumentHelper.parseText(xml);
        return document.getRootElement();
    }

    private static List<String> childNames(Element element) {
        List<String> names = new ArrayList<>();
        element.elements().forEach(child -> names.add(child.getName()));
        return names;
    }
}
