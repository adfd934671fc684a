package io.switchboard.presence.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Presence;

import io.switchboard.testing.RecordingRouter;
import io.switchboard.testing.RecordingSession;

public class CapsVerifierTest {

    private static final String VER = "QgayPKawpkPSDYmwT/WM94uAlu0=";
    private static final String EXODUS = "<identity category='client' name='Exodus 0.9.1' type='pc'/>"
            + "<feature var='http://jabber.org/protocol/caps'/><feature var='http://jabber.org/protocol/disco#info'/>"
            + "<feature var='http://jabber.org/protocol/disco#items'/><feature var='http://jabber.org/protocol/muc'/>";

    private final RecordingRouter router = new RecordingRouter("example.com");
    private final CapsVerifier verifier = new CapsVerifier(router);

    private static RecordingSession withCaps(String jid, String ver) {
        RecordingSession session = new RecordingSession(jid);
        Presence presence = new Presence();
        presence.addChildElement("c", PresenceHandler.CAPS).addAttribute("hash", "sha-1")
                .addAttribute("node", "http://code.google.com/p/exodus").addAttribute("ver", ver);
        session.presence(presence);
        return session;
    }

    /** Answers the verifier's one query with this disco#info content. */
    private void answer(String features) throws Exception {
        Map.Entry<IQ, CompletableFuture<IQ>> query = router.queries.entrySet().iterator().next();
        IQ result = IQ.createResultIQ(query.getKey());
        Element info = DocumentHelper.parseText("<query xmlns='http://jabber.org/protocol/disco#info'>" + features + "</query>")
                .getRootElement();
        result.setChildElement(info);
        query.getValue().complete(result);
    }

    @Test
    public void aVerAnsweredByMatchingFeaturesIsKeptForEverySessionThatSendsIt() throws Exception {
        RecordingSession first = withCaps("alice@example.com/desktop", VER);
        verifier.available(first, true);

        IQ query = router.queries.keySet().iterator().next();
        assertEquals(first.address(), query.getTo());
        assertEquals("http://code.google.com/p/exodus#" + VER, query.getChildElement().attributeValue("node"));
        answer(EXODUS);

        assertTrue(verifier.features(first.address()).orElseThrow().contains("http://jabber.org/protocol/muc"));
        RecordingSession second = withCaps("bob@example.com/desktop", VER);
        verifier.available(second, true);
        assertEquals("one query for one ver", 1, router.queries.size());
        assertEquals(4, verifier.features(second.address()).orElseThrow().size());
    }

    @Test
    public void capsAnnouncedLaterAreVerifiedAndToldOnceEach() throws Exception {
        List<String> told = new ArrayList<>();
        verifier.addListener((session, features) -> told.add(session + " " + features.size()));
        RecordingSession alice = withCaps("alice@example.com/desktop", VER);
        verifier.available(alice, true);
        answer(EXODUS);
        assertEquals(List.of("alice@example.com/desktop 4"), told);

        String withTune = EXODUS + "<feature var='http://jabber.org/protocol/tune+notify'/>";
        String newVer = CapsHash.ver(DocumentHelper.parseText("<query xmlns='http://jabber.org/protocol/disco#info'>" + withTune
                + "</query>").getRootElement(), "sha-1");
        alice.presence(withCaps("alice@example.com/desktop", newVer).presence());
        verifier.changed(alice);
        router.queries.keySet().removeIf(query -> query.getChildElement().attributeValue("node").endsWith(VER));
        answer(withTune);
        assertEquals(List.of("alice@example.com/desktop 4", "alice@example.com/desktop 5"), told);
        assertTrue(verifier.features(alice.address()).orElseThrow().contains("http://jabber.org/protocol/tune+notify"));

        verifier.changed(alice); // a new status with the same caps
        RecordingSession bob = withCaps("bob@example.com/desktop", newVer);
        verifier.available(bob, true); // a ver already verified: told at once
        assertEquals(List.of("alice@example.com/desktop 4", "alice@example.com/desktop 5", "bob@example.com/desktop 5"), told);
    }

    @Test
    public void aVerThatDoesNotMatchIsNotKept() throws Exception {
        RecordingSession liar = withCaps("mallory@example.com/desktop", VER);
        verifier.available(liar, true);

        answer("<identity category='client' type='pc'/><feature var='urn:evil'/>");

        assertEquals(Optional.empty(), verifier.features(liar.address()));
        verifier.available(withCaps("alice@example.com/desktop", VER), true);
        assertEquals("asked again, since nothing was kept", 2, router.queries.size());
    }

    @Test
    public void aSessionWithoutCapsIsNotAsked() {
        RecordingSession plain = new RecordingSession("alice@example.com/desktop").available();

        verifier.available(plain, true);

        assertTrue(router.queries.isEmpty());
        assertEquals(Optional.empty(), verifier.features(plain.address()));
    }

    @Test
    public void aSessionThatLeftHasNoFeatures() throws Exception {
        RecordingSession session = withCaps("alice@example.com/desktop", VER);
        verifier.available(session, true);
        answer(EXODUS);

        verifier.unavailable(session, true);

        assertEquals(Optional.<Set<String>>empty(), verifier.features(session.address()));
    }
}
