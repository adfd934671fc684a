package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

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

/** What an operator does to a running server: deploy/ and config/ files, and the Gogo shell. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OperatorIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(OperatorIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "administrator", "agent9");
    }

    @Test
    public void theShellListsTheServersBundles() throws Exception {
        String bundles = Server.gogo(context, "lb");
        for (String name : List.of("Switchboard core", "Switchboard WebSocket transport", "Switchboard publish-subscribe",
                "Switchboard contact-centre simulator")) {
            assertTrue(name + " in:\n" + bundles, bundles.contains(name));
        }
        assertTrue(Server.gogo(context, "switchboard:users").contains("agent9"));
    }

    @Test
    public void theShellShowsSessionsAndNodesKicksAndPublishes() throws Exception {
        try (RawXmppClient desktop = RawXmppClient.connect()) {
            String jid = desktop.login("administrator", "desktop");
            desktop.send("<presence xmlns='jabber:client'/>");
            assertTrue(Server.gogo(context, "switchboard:sessions").contains(jid + "  websocket"));
            assertTrue(Server.gogo(context, "switchboard:nodes").contains("/finesse/api/Team/1/Users  server"));

            desktop.send("<iq xmlns='jabber:client' type='set' id='s1' to='pubsub." + SwitchboardOptions.DOMAIN + "'>"
                    + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='/finesse/api/Team/1/Users' jid='"
                    + jid + "'/></pubsub></iq>");
            assertEquals("result", Xml.attribute(desktop.nextIgnoringEvents(), "type"));
            assertTrue(Server.gogo(context, "switchboard:publish /finesse/api/Team/1/Users 'from the operator'")
                    .startsWith("Published item"));
            while (!desktop.next("message").getTextContent().equals("from the operator")) {
                // the simulator's own events on the same node come and go meanwhile
            }

            assertTrue(Server.gogo(context, "switchboard:kick " + jid).startsWith("Ended"));
            Element error = desktop.next("error");
            assertEquals("policy-violation", Xml.name(Xml.children(error, "*").get(0)));
            desktop.awaitClosed();
            assertTrue(Server.gogo(context, "switchboard:sessions").equals("No sessions"));
        }
    }

    @Test
    public void aBundleDroppedIntoDeployIsInstalledAndStartedAndDeletingItUninstallsIt() throws Exception {
        try (SmackDesktop desktop = SmackDesktop.of("administrator").login()) {
            List<Element> updates = desktop.subscribe("/finesse/api/Team/1/Users");
            await("events flow").until(() -> !updates.isEmpty());

            // the operator replaces the simulator by one from deploy/
            Server.bundle(context, Server.SIMULATOR).uninstall();
            Path dropped = SwitchboardOptions.work().resolve("deploy/simulator.jar");
            Files.copy(simulatorJar(), dropped);
            Instant deployed = Instant.now();
            await("installed and started from deploy/").until(() -> isActive(Server.SIMULATOR));
            await("its events reach the connected desktop").until(() ->
                    updates.stream().anyMatch(update -> SmackDesktop.changedAfter(update, deployed)));

            Files.delete(dropped);
            await("uninstalled").until(() -> Arrays.stream(context.getBundles())
                    .noneMatch(bundle -> Server.SIMULATOR.equals(bundle.getSymbolicName())));
            Instant removed = Instant.now();
            assertTrue(desktop.pingServer());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                    updates.stream().noneMatch(update -> SmackDesktop.changedAfter(update, removed)));
            assertTrue("the desktop stayed connected throughout", desktop.connection.isAuthenticated());

            context.installBundle(simulatorJar().toUri().toString()).start(); // as it was, for the other tests
        }
    }

    @Test
    public void editingAConfigFileReappliesThatComponentsConfiguration() throws Exception {
        // the class's simulator has agent1..agent3 only (SwitchboardOptions): events of agent9 can only come
        // from the edited file. (agent9's node itself may exist: its login subscribes it to its own nodes.)
        try (SmackDesktop desktop = SmackDesktop.of("agent9").login()) {
            SwitchboardOptions.writeSimulatorConfig(SwitchboardOptions.work().resolve("config/io.switchboard.eventsource.simulator.cfg"),
                    "agent1:1", "agent2:1", "agent3:2", "agent9:2");

            AtomicReference<List<Element>> updates = new AtomicReference<>();
            await("agent9's node exists").ignoreExceptions()
                    .until(() -> updates.compareAndSet(null, desktop.subscribe("/finesse/api/User/agent9")));
            await("agent9's events").atMost(Duration.ofSeconds(30)).until(() -> !updates.get().isEmpty());
            assertEquals("agent9", SmackDesktop.agent(updates.get().get(0)));
        }
    }

    private boolean isActive(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .anyMatch(bundle -> symbolicName.equals(bundle.getSymbolicName()) && bundle.getState() == Bundle.ACTIVE);
    }

    private static Path simulatorJar() throws Exception {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(SwitchboardOptions.distribution().resolve("bundle"),
                "eventsource-simulator-*.jar")) {
            return jars.iterator().next();
        }
    }
}
