package io.switchboard.pubsub.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.directory.ContactCentreDirectory;
import io.switchboard.api.pubsub.access.AccessDecision;
import io.switchboard.testing.Configurations;
import io.switchboard.testing.TestServices;

public class FinesseAccessPolicyTest {

    private final TestServices services = new TestServices();
    private final FinesseAccessPolicy policy = new FinesseAccessPolicy(services.context(), Configurations.of(AccessPolicyConfiguration.class));

    /** boss supervises team 1; lead supervises team 2 according to a second directory. */
    @Before
    public void directories() {
        Map<String, Set<String>> first = Map.of("boss", Set.of("1"));
        policy.addDirectory(services.register((ContactCentreDirectory) user -> first.getOrDefault(user, Set.of())));
        policy.addDirectory(services.register((ContactCentreDirectory) user -> "lead".equals(user) ? Set.of("2") : Set.of()));
    }

    private static JID user(String name) {
        return new JID(name, "example.com", "desktop");
    }

    private void assertAllowed(String user, String node) {
        AccessDecision decision = policy.subscribe(user(user), node);
        assertTrue(user + " on " + node + ": " + decision, decision.isAllowed());
    }

    private void assertForbidden(String user, String node) {
        AccessDecision decision = policy.subscribe(user(user), node);
        assertFalse(user + " on " + node + " was allowed", decision.isAllowed());
        assertEquals(PacketError.Condition.forbidden, decision.condition());
    }

    @Test
    public void aUserReadsItsOwnUserNodesOnly() {
        assertAllowed("agent1", "/finesse/api/User/agent1");
        assertAllowed("agent1", "/finesse/api/User/agent1/Dialogs");
        assertAllowed("agent1", "/finesse/api/User/agent1/Media/1");
        assertForbidden("agent1", "/finesse/api/User/agent2");
        assertForbidden("agent1", "/finesse/api/User/agent2/Dialogs");
        assertForbidden("agent1", "/finesse/api/User/agent10");
    }

    @Test
    public void userIdsInNodeNamesCompareAsJidsDo() {
        assertAllowed("agent1", "/finesse/api/User/Agent1"); // JID local parts are case-folded
    }

    @Test
    public void aTeamNodeIsForItsSupervisorsOnly() {
        assertAllowed("boss", "/finesse/api/Team/1/Users");
        assertForbidden("boss", "/finesse/api/Team/2/Users");
        assertAllowed("lead", "/finesse/api/Team/2/Users");
        assertForbidden("agent1", "/finesse/api/Team/1/Users");
        assertForbidden("agent1", "/finesse/api/Team/11/Users");
    }

    @Test
    public void aDirectoryThatLeavesTakesItsSupervisorsWithIt() {
        FinesseAccessPolicy alone = new FinesseAccessPolicy(services.context(), Configurations.of(AccessPolicyConfiguration.class));
        ServiceReference<ContactCentreDirectory> directory = services.register((ContactCentreDirectory) user -> Set.of("1"));
        alone.addDirectory(directory);
        assertTrue(alone.subscribe(user("boss"), "/finesse/api/Team/1/Users").isAllowed());
        alone.removeDirectory(directory);
        assertFalse(alone.subscribe(user("boss"), "/finesse/api/Team/1/Users").isAllowed());
    }

    @Test
    public void systemInfoAndOtherNodesAreOpenToUsers() {
        assertAllowed("agent1", "/finesse/api/SystemInfo");
        assertAllowed("agent1", "/finesse/api/Queue/5");
        assertAllowed("agent1", "announcements");
    }

    @Test
    public void onlyUsersSubscribe() {
        AccessDecision decision = policy.subscribe(new JID("example.com"), "/finesse/api/SystemInfo");
        assertFalse(decision.isAllowed());
    }

    @Test
    public void anotherNodeSchemeIsProtectedOnceConfigured() {
        FinesseAccessPolicy custom = new FinesseAccessPolicy(services.context(), Configurations.of(AccessPolicyConfiguration.class,
                "userNodes", new String[] {"/finesse/api/User/{user}", "/acme/agents/{user}/events"},
                "teamNodes", new String[] {"/acme/teams/{team}"},
                "reservedPrefixes", new String[] {"/finesse/", "/acme/"}));
        custom.addDirectory(services.register((ContactCentreDirectory) user -> "boss".equals(user) ? Set.of("1") : Set.of()));

        assertTrue(custom.subscribe(user("agent1"), "/acme/agents/agent1/events").isAllowed());
        assertTrue(custom.subscribe(user("agent1"), "/acme/agents/agent1/events/calls").isAllowed());
        assertFalse(custom.subscribe(user("agent1"), "/acme/agents/agent2/events").isAllowed());
        assertFalse(custom.subscribe(user("agent1"), "/finesse/api/User/agent2").isAllowed());
        assertTrue(custom.subscribe(user("boss"), "/acme/teams/1").isAllowed());
        assertFalse(custom.subscribe(user("agent1"), "/acme/teams/1").isAllowed());
        assertFalse(custom.create(user("agent1"), "/acme/mine").isAllowed());
        assertTrue(custom.create(user("agent1"), "mine").isAllowed());
        // the template's fixed text is literal, not a pattern
        assertTrue(custom.subscribe(user("agent1"), "/acme/agentsX/agent2/events").isAllowed());
    }

    @Test
    public void clientsMayNotCreateNodesWhereEventSourcesPublish() {
        assertFalse(policy.create(user("agent1"), "/finesse/api/User/agent1").isAllowed());
        assertTrue(policy.create(user("agent1"), "my-node").isAllowed());
    }

    @Test
    public void aTemplateWithoutItsPlaceholderIsRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FinesseAccessPolicy(services.context(),
                Configurations.of(AccessPolicyConfiguration.class, "teamNodes", new String[] {"/acme/teams"})));
        assertEquals("io.switchboard.pubsub.access: teamNodes '/acme/teams' must contain {team} once", e.getMessage());
    }
}
