package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.w3c.dom.Element;

/**
 * Presence as a Finesse desktop lives it: the finesse@ presence after its own, pings when it falls
 * silent and connection-timeout when it stays silent, and the agent logged out when its desktop
 * is gone past the grace period. Here the server pings after 2 s of silence, gives up after one
 * missed ping, and logs agents out 1 s after their desktop went away.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PresenceIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(PresenceIT.class, Map.of(
                "io.switchboard.presence.ping", List.of("idleSeconds = 2", "missedPings = 1"),
                "io.switchboard.eventsource.simulator", List.of("logoutGraceSeconds = \"1\"")));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "administrator");
    }

    @Test
    public void initialPresenceIsAnsweredByThePresenceOfFinesse() throws Exception {
        try (RawXmppClient desktop = RawXmppClient.connect()) {
            String jid = desktop.login("agent1", "desktop");
            desktop.send("<presence xmlns='jabber:client'><priority>1</priority></presence>");
            Element own = desktop.next();
            assertEquals(jid, Xml.attribute(own, "from"));
            Element finesse = desktop.next();
            assertEquals("presence", Xml.name(finesse));
            assertEquals("finesse@" + DOMAIN, Xml.attribute(finesse, "from"));
            assertEquals(jid, Xml.attribute(finesse, "to"));
            assertEquals("available", Xml.attribute(finesse, "type") == null ? "available" : Xml.attribute(finesse, "type"));
        }
    }

    @Test
    public void aSilentClientIsPingedThenTimedOutWhileAnAnsweringOneStays() throws Exception {
        try (SmackDesktop answering = SmackDesktop.of("administrator").login();
                RawXmppClient silent = RawXmppClient.connect()) {
            silent.login("agent1", "silent");
            Element ping = silent.next("iq");
            assertEquals("get", Xml.attribute(ping, "type"));
            assertEquals(DOMAIN, Xml.attribute(ping, "from"));
            assertNotNull(Xml.child(ping, "ping"));

            Element error = silent.nextIgnoringEvents();
            assertEquals("error", Xml.name(error));
            assertNotNull(Xml.child(error, "connection-timeout"));
            assertEquals("close", Xml.name(silent.next()));
            silent.awaitClosed();

            assertTrue("Smack answers the pings and stays", answering.connection.isAuthenticated());
            assertTrue(answering.pingServer());
        }
    }

    @Test
    public void anAgentWhoseDesktopIsGonePastTheGraceIsLoggedOutAndComesBackWithIt() throws Exception {
        try (SmackDesktop supervisor = SmackDesktop.of("administrator").login()) {
            List<Element> team = supervisor.subscribe("/finesse/api/Team/1/Users");

            RawXmppClient desktop = RawXmppClient.connect();
            desktop.login("agent1", "desktop");
            desktop.send("<presence xmlns='jabber:client'/>");
            desktop.next(); // its own presence: the server has seen it arrive
            desktop.close(); // the tab is closed, no <close/>
            Instant gone = Instant.now();

            await("agent1 logged out for the lost connection").atMost(Duration.ofSeconds(20)).until(() ->
                    team.stream().anyMatch(update -> isAgent1In(update, "LOGOUT") && "Connection lost".equals(reasonLabel(update))
                            && SmackDesktop.changedSince(update, gone)));

            try (RawXmppClient back = RawXmppClient.connect()) {
                back.login("agent1", "desktop");
                Instant returned = Instant.now();
                back.send("<presence xmlns='jabber:client'/>");
                await("agent1 logged in again").atMost(Duration.ofSeconds(20)).until(() -> team.stream()
                        .anyMatch(update -> isAgent1In(update, "LOGIN") && SmackDesktop.changedSince(update, returned)));
            }
        }
    }

    @Test
    public void capsAreVerifiedWithOneQueryPerVerAndAForgedVerIsNeverCached() throws Exception {
        List<String> features = List.of("http://jabber.org/protocol/caps", "http://jabber.org/protocol/disco#info", "urn:xmpp:ping");
        // XEP-0115 5.1, computed here on its own: identity, then the sorted features, each followed by '<'
        String s = "client/pc//Caps Test<" + String.join("<", features) + "<";
        String ver = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        String forged = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest("forged".getBytes(StandardCharsets.UTF_8)));

        try (RawXmppClient first = RawXmppClient.connect(); RawXmppClient second = RawXmppClient.connect();
                RawXmppClient liar = RawXmppClient.connect(); RawXmppClient liarAgain = RawXmppClient.connect()) {
            String firstJid = first.login("agent1", "caps1");
            sendCaps(first, ver);
            answer(first, awaitDiscoQuery(first, ver), features);
            await("caps verified").atMost(Duration.ofSeconds(20)).until(() -> Server.verifiedFeatures(context, firstJid)
                    .map(known -> known.containsAll(features)).orElse(false));

            // the same ver again: known already, so nobody is asked
            String secondJid = second.login("agent1", "caps2");
            sendCaps(second, ver);
            assertEquals(List.of(), discoQueriesBeforePingAnswer(second));
            assertEquals(Set.copyOf(features), Server.verifiedFeatures(context, secondJid).orElseThrow());

            // a ver that is not the hash of the answer: not believed, not kept, asked again next time
            String liarJid = liar.login("agent1", "caps3");
            sendCaps(liar, forged);
            answer(liar, awaitDiscoQuery(liar, forged), features);
            liar.ping("after-answer"); // the answer was handled before the ping
            assertTrue(Server.verifiedFeatures(context, liarJid).isEmpty());
            liarAgain.login("agent1", "caps4");
            sendCaps(liarAgain, forged);
            awaitDiscoQuery(liarAgain, forged);
        }
    }

    private static void sendCaps(RawXmppClient client, String ver) {
        client.send("<presence xmlns='jabber:client'><c xmlns='http://jabber.org/protocol/caps' hash='sha-256'"
                + " node='https://switchboard.test/caps' ver='" + ver + "'/></presence>");
    }

    private static Element awaitDiscoQuery(RawXmppClient client, String ver) throws InterruptedException {
        while (true) {
            Element iq = client.next("iq");
            Element query = Xml.child(iq, "query");
            if (query != null && "http://jabber.org/protocol/disco#info".equals(Xml.namespace(query))) {
                assertEquals("https://switchboard.test/caps#" + ver, Xml.attribute(query, "node"));
                return iq;
            }
        }
    }

    private static void answer(RawXmppClient client, Element query, List<String> features) {
        StringBuilder answer = new StringBuilder("<iq xmlns='jabber:client' type='result' id='" + Xml.attribute(query, "id")
                + "' to='" + Xml.attribute(query, "from") + "'><query xmlns='http://jabber.org/protocol/disco#info' node='"
                + Xml.attribute(Xml.child(query, "query"), "node") + "'><identity category='client' type='pc' name='Caps Test'/>");
        features.forEach(feature -> answer.append("<feature var='").append(feature).append("'/>"));
        client.send(answer.append("</query></iq>").toString());
    }

    /** Pings the server and returns the disco#info queries that came before its answer. */
    private static List<Element> discoQueriesBeforePingAnswer(RawXmppClient client) throws InterruptedException {
        client.send("<iq xmlns='jabber:client' type='get' id='caps-ping' to='" + DOMAIN + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        List<Element> queries = new java.util.ArrayList<>();
        while (true) {
            Element frame = client.next();
            if ("caps-ping".equals(Xml.attribute(frame, "id"))) {
                return queries;
            }
            Element query = Xml.child(frame, "query");
            if (query != null && "http://jabber.org/protocol/disco#info".equals(Xml.namespace(query))) {
                queries.add(frame);
            }
        }
    }

    private static boolean isAgent1In(Element update, String state) {
        Element user = Xml.child(Xml.child(update, "data"), "user");
        return "agent1".equals(SmackDesktop.agent(update)) && state.equals(Xml.childText(user, "state"));
    }

    private static String reasonLabel(Element update) {
        Element reason = Xml.child(Xml.child(Xml.child(update, "data"), "user"), "ReasonCode");
        return reason == null ? null : Xml.childText(reason, "label");
    }
}
