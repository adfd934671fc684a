package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.w3c.dom.Element;

/**
 * The agent desktop's whole flow with Smack 4.5, a real XMPP client, over wss://: log in, bind
 * 'desktop', presence with entity caps, subscribe to the user's and the team's node, receive the
 * simulator's events; and the simulator stopped and started under live sessions.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SmackDesktopIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(SmackDesktopIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "administrator");
    }

    /** The supervisor of team 1, an agent too: its own changes reach its user node and its team's node. */
    @Test
    public void theDesktopReceivesAgentEventsOnItsUserAndTeamNodes() throws Exception {
        try (SmackDesktop desktop = SmackDesktop.of("administrator")) {
            List<Presence> presences = new CopyOnWriteArrayList<>();
            desktop.connection.addAsyncStanzaListener(stanza -> presences.add((Presence) stanza), StanzaTypeFilter.PRESENCE);
            desktop.login();
            assertEquals("administrator@" + DOMAIN + "/desktop", desktop.connection.getUser().toString());
            assertTrue("Smack prefers SCRAM to PLAIN: " + desktop.connection.getUsedSaslMechansism(),
                    desktop.connection.getUsedSaslMechansism().startsWith("SCRAM-SHA-"));

            // Smack's initial presence carries XEP-0115 caps; the server keeps them and echoes the presence
            await("own presence with caps").until(() -> presences.stream().anyMatch(
                    presence -> presence.getFrom().equals(desktop.connection.getUser())
                            && presence.hasExtension("c", "http://jabber.org/protocol/caps")));
            // and checks them against Smack's own disco#info: other bundles may then ask what it supports
            String address = desktop.connection.getUser().toString();
            await("caps verified").until(() -> Server.verifiedFeatures(context, address).isPresent());
            assertTrue(Server.verifiedFeatures(context, address).get().contains("urn:xmpp:ping"));

            List<Element> userUpdates = desktop.subscribe("/finesse/api/User/administrator");
            List<Element> teamUpdates = desktop.subscribe("/finesse/api/Team/1/Users");

            // its own state changes arrive on its user node and, summarised, on its team's node
            await("its update on both nodes").atMost(Duration.ofSeconds(30)).until(() -> !userUpdates.isEmpty()
                    && teamUpdates.stream().anyMatch(update -> "administrator".equals(SmackDesktop.agent(update))));
            Element update = userUpdates.get(0);
            assertEquals("PUT", Xml.childText(update, "event"));
            assertEquals("/finesse/api/User/administrator", Xml.childText(update, "source"));
            Element user = Xml.child(Xml.child(update, "data"), "user");
            assertEquals("administrator", Xml.childText(user, "loginId"));
            assertEquals("1", Xml.childText(user, "teamId"));
            assertTrue(List.of("LOGOUT", "NOT_READY", "READY", "RESERVED", "TALKING", "HOLD", "WORK", "WORK_READY")
                    .contains(Xml.childText(user, "state")));
            assertTrue("a user node carries only its own agent",
                    userUpdates.stream().allMatch(u -> "administrator".equals(SmackDesktop.agent(u))));
            assertTrue("the team node carries the team's agents",
                    teamUpdates.stream().allMatch(u -> List.of("agent1", "agent2", "administrator").contains(SmackDesktop.agent(u))));
        }
    }

    @Test
    public void stoppingTheSimulatorStopsEventsButNotSessionsAndStartingItResumesThem() throws Exception {
        try (SmackDesktop desktop = SmackDesktop.of("administrator").login()) {
            List<Element> updates = desktop.subscribe("/finesse/api/Team/1/Users");
            await("events flow").until(() -> !updates.isEmpty());

            Bundle simulator = Server.bundle(context, Server.SIMULATOR);
            simulator.stop();
            Instant stopped = Instant.now();
            assertTrue("the desktop is still connected", desktop.connection.isAuthenticated());
            assertTrue("and its server still answers", desktop.pingServer());
            // nothing that happened after the stop is published
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                    updates.stream().noneMatch(update -> SmackDesktop.changedAfter(update, stopped)));

            simulator.start();
            await("events resume").until(() -> updates.stream().anyMatch(update -> SmackDesktop.changedAfter(update, stopped)));
            assertTrue("the same session carried on", desktop.connection.isAuthenticated());
        }
    }
}
