package io.switchboard.streammanagement.impl;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.After;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.StreamError;

import io.switchboard.api.session.SessionEnd;
import io.switchboard.api.stream.StreamManagement;
import io.switchboard.testing.Configurations;
import io.switchboard.testing.RecordingNegotiation;
import io.switchboard.testing.RecordingRouter;
import io.switchboard.testing.RecordingSession;

/**
 * XEP-0198 as the feature and a session's books play it, driven the way the core drives them:
 * the feature gets the client's {@code <enable/>} and {@code <resume/>}, the books get every
 * stanza in and out and the client's {@code <r/>} and {@code <a/>}.
 */
public class StreamManagementFeatureTest {

    private static final String DOMAIN = "example.com";
    private final RecordingRouter router = new RecordingRouter(DOMAIN);
    private StreamManagementFeature feature = feature("requestAckAfter", 3, "maxQueuedStanzas", 10);

    @After
    public void stop() {
        feature.deactivate();
    }

    @Test
    public void offeredOnlyOnTheConfiguredTransports() {
        RecordingNegotiation stream = new RecordingNegotiation(DOMAIN);
        assertEquals("sm", feature.advertise(stream).getName());
        assertEquals(Sm.NS, feature.advertise(stream).getNamespaceURI());

        feature.deactivate();
        feature = feature("transports", new String[] {"websocket"});
        assertNull(feature.advertise(stream));
        RecordingNegotiation alice = bound("alice");
        feature.process(sm("enable"), alice);
        assertFailed("feature-not-implemented", alice.takeSent());
    }

    @Test
    public void enablingBeforeBindingFails() {
        RecordingNegotiation stream = new RecordingNegotiation(DOMAIN);
        feature.process(sm("enable"), stream);
        assertFailed("unexpected-request", stream.takeSent());
        assertNull(stream.managedBy);
    }

    @Test
    public void enableWithResumeAnswersAnIdAndTheTimeToResume() {
        RecordingNegotiation stream = bound("alice");
        feature.process(sm("enable").addAttribute("resume", "true"), stream);
        Element enabled = stream.takeSent();
        assertEquals("enabled", enabled.getName());
        assertEquals("true", enabled.attributeValue("resume"));
        assertEquals("300", enabled.attributeValue("max"));
        assertTrue(enabled.attributeValue("id").length() >= 20);
        assertNotNull(stream.managedBy);

        RecordingNegotiation asksLess = bound("bob");
        feature.process(sm("enable").addAttribute("resume", "1").addAttribute("max", "60"), asksLess);
        assertEquals("60", asksLess.takeSent().attributeValue("max"));
        RecordingNegotiation asksMore = bound("carol");
        feature.process(sm("enable").addAttribute("resume", "true").addAttribute("max", "100000"), asksMore);
        assertEquals("capped by maxResumeSeconds", "900", asksMore.takeSent().attributeValue("max"));
    }

    @Test
    public void enableWithoutResumeOnlyCounts() {
        RecordingNegotiation stream = bound("alice");
        feature.process(sm("enable"), stream);
        Element enabled = stream.takeSent();
        assertNull(enabled.attributeValue("id"));
        assertNull(enabled.attributeValue("resume"));
        assertFalse("nothing to wait for", stream.managedBy.detach());
    }

    @Test
    public void theServerCountsWhatItHandledAndAnswersR() {
        StreamManagement books = enabled(bound("alice"), false);
        RecordingNegotiation stream = lastStream;
        books.received(stanza("message", "1"));
        books.received(stanza("iq", "2"));
        books.process(sm("r"));
        assertEquals("2", stream.takeSent().attributeValue("h"));
    }

    @Test
    public void theServerAsksForAnAckOnceEnoughIsUnacknowledgedAndOnlyOnceUntilAnswered() {
        StreamManagement books = enabled(bound("alice"), false);
        RecordingNegotiation stream = lastStream;
        books.sent(stanza("message", "1"));
        books.sent(stanza("message", "2"));
        assertTrue(stream.sent.isEmpty());
        books.sent(stanza("message", "3"));
        assertEquals("r", stream.takeSent().getName());
        books.sent(stanza("message", "4"));
        assertTrue("asked once", stream.sent.isEmpty());

        books.process(sm("a").addAttribute("h", "4"));
        books.sent(stanza("message", "5"));
        books.sent(stanza("message", "6"));
        books.sent(stanza("message", "7"));
        assertEquals("r", stream.takeSent().getName());
    }

    @Test
    public void anAckForMoreThanWasSentEndsTheStream() {
        StreamManagement books = enabled(bound("alice"), false);
        books.sent(stanza("message", "1"));
        books.process(sm("a").addAttribute("h", "2"));
        assertEquals(StreamError.Condition.undefined_condition, lastStream.failedWith);
        assertTrue(lastStream.failureText.startsWith("handled-count-too-high"));
    }

    @Test
    public void countsWrapAround2To32() {
        assertEquals(0, Sm.next(4294967295L));
        assertEquals(3, Sm.distance(4294967294L, 1));
        assertEquals(-1, Sm.h(sm("a").addAttribute("h", "4294967296")));
        assertEquals(-1, Sm.h(sm("a").addAttribute("h", "-1")));
    }

    @Test
    public void resumingResendsExactlyWhatWasNotAcknowledgedAfterTheAnswer() {
        RecordingNegotiation first = bound("alice");
        StreamManagement books = enabled(first, true);
        String id = lastEnabled.attributeValue("id");
        books.received(stanza("message", "in-1"));
        IntStream.rangeClosed(1, 5).forEach(i -> books.sent(stanza("message", "out-" + i)));
        books.process(sm("a").addAttribute("h", "1"));
        first.sent.clear();
        ((RecordingSession) first.session).detached = true;
        assertTrue(books.detach());
        books.sent(stanza("message", "out-6"));

        RecordingNegotiation second = authenticated("alice");
        second.resumable = true;
        feature.process(sm("resume").addAttribute("previd", id).addAttribute("h", "3"), second);

        assertSame(first.session, second.resumed);
        List<String> written = names(first.sent);
        assertEquals(List.of("resumed", "out-4", "out-5", "out-6"), written);
        assertEquals("1", first.sent.get(0).attributeValue("h"));
        assertEquals(id, first.sent.get(0).attributeValue("previd"));
    }

    @Test
    public void anUnknownPreviousIdAnotherUsersIdOrABadHIsRefused() {
        RecordingNegotiation first = bound("alice");
        enabled(first, true);
        String id = lastEnabled.attributeValue("id");

        RecordingNegotiation stranger = authenticated("alice");
        feature.process(sm("resume").addAttribute("previd", "nope").addAttribute("h", "0"), stranger);
        assertFailed("item-not-found", stranger.takeSent());

        RecordingNegotiation bob = authenticated("bob");
        bob.resumable = true;
        feature.process(sm("resume").addAttribute("previd", id).addAttribute("h", "0"), bob);
        assertFailed("item-not-found", bob.takeSent());
        assertNull("never tried", bob.resumed);

        RecordingNegotiation noH = authenticated("alice");
        feature.process(sm("resume").addAttribute("previd", id), noH);
        assertFailed("bad-request", noH.takeSent());
    }

    @Test
    public void aSessionResumedOnceCannotBeResumedAgainWhileTheFirstIsUnderWay() {
        RecordingNegotiation first = bound("alice");
        ManagedSession books = (ManagedSession) enabled(first, true);
        assertNull(books.beginResume(0));
        assertEquals("item-not-found", books.beginResume(0));
    }

    @Test
    public void aResumptionThatTheCoreRefusesFails() {
        RecordingNegotiation first = bound("alice");
        enabled(first, true);
        String id = lastEnabled.attributeValue("id");
        RecordingNegotiation second = authenticated("alice");
        second.resumable = false; // the session ended meanwhile

        feature.process(sm("resume").addAttribute("previd", id).addAttribute("h", "0"), second);
        assertFailed("item-not-found", second.takeSent());
    }

    @Test
    public void detachedSessionsAreLimitedPerUser() {
        feature.deactivate();
        feature = feature("maxDetachedPerUser", 1);
        StreamManagement desk = enabled(bound("alice"), true);
        StreamManagement phone = enabled(bound("alice"), true);
        StreamManagement bobs = enabled(bound("bob"), true);
        assertTrue(desk.detach());
        assertFalse(phone.detach());
        assertTrue(bobs.detach());
    }

    @Test
    public void detachedSessionsAreLimitedInAllAndAPlaceFreesWhenOneEnds() {
        feature.deactivate();
        feature = feature("maxDetached", 1);
        StreamManagement alices = enabled(bound("alice"), true);
        StreamManagement bobs = enabled(bound("bob"), true);
        StreamManagement carols = enabled(bound("carol"), true);
        assertTrue(alices.detach());
        assertFalse(bobs.detach());

        alices.ended(SessionEnd.CONNECTION_LOST);
        assertTrue(carols.detach());
    }

    @Test
    public void aDetachedSessionEndsWhenItsTimeIsUp() {
        RecordingNegotiation stream = bound("alice");
        StreamManagement books = enabledWithMax(stream, "1");
        RecordingSession session = (RecordingSession) stream.session;
        session.detached = true;
        assertTrue(books.detach());
        await().until(() -> !session.closedWith.isEmpty());
        assertEquals(StreamError.Condition.connection_timeout, session.closedWith.get(0));
    }

    @Test
    public void aSessionThatHoldsTooMuchEnds() {
        RecordingNegotiation stream = bound("alice");
        StreamManagement books = enabled(stream, true);
        IntStream.rangeClosed(1, 11).forEach(i -> books.sent(stanza("message", "out-" + i)));
        RecordingSession session = (RecordingSession) stream.session;
        await().until(() -> !session.closedWith.isEmpty());
        assertEquals(StreamError.Condition.resource_constraint, session.closedWith.get(0));
    }

    @Test
    public void whatIsLeftUnacknowledgedIsPassedOnAnsweredOrDropped() {
        StreamManagement books = enabled(bound("alice"), false);
        Message chat = new Message();
        chat.setType(Message.Type.chat);
        chat.setFrom(new JID("bob@example.com/desk"));
        chat.setTo(new JID("alice@example.com/desk"));
        chat.setBody("hi");
        Message event = new Message();
        event.setFrom(new JID("pubsub.example.com"));
        event.setTo(new JID("alice@example.com/desk"));
        event.getElement().addElement(QName.get("event", "http://jabber.org/protocol/pubsub#event"));
        IQ request = new IQ(IQ.Type.get, "q1");
        request.setFrom(new JID("bob@example.com/desk"));
        request.setTo(new JID("alice@example.com/desk"));
        request.setChildElement("query", "jabber:iq:version");
        IQ answer = new IQ(IQ.Type.result, "q2");
        books.sent(chat.getElement());
        books.sent(event.getElement());
        books.sent(request.getElement());
        books.sent(answer.getElement());

        books.ended(SessionEnd.CONNECTION_LOST);

        assertEquals(2, router.routed.size());
        Message passedOn = (Message) router.routed.get(0);
        assertEquals(new JID("alice@example.com"), passedOn.getTo());
        assertEquals("hi", passedOn.getBody());
        IQ error = (IQ) router.routed.get(1);
        assertEquals(IQ.Type.error, error.getType());
        assertEquals(new JID("bob@example.com/desk"), error.getTo());
        assertEquals(PacketError.Condition.service_unavailable, error.getError().getCondition());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private RecordingNegotiation lastStream;
    private Element lastEnabled;

    private StreamManagementFeature feature(Object... namesAndValues) {
        Object[] settings = new Object[namesAndValues.length + 2];
        settings[0] = "transports";
        settings[1] = new String[] {"test"};
        System.arraycopy(namesAndValues, 0, settings, 2, namesAndValues.length);
        return new StreamManagementFeature(router, Configurations.of(StreamManagementSettings.class, settings));
    }

    private static RecordingNegotiation authenticated(String user) {
        return new RecordingNegotiation(user, DOMAIN, new ArrayList<>());
    }

    private static RecordingNegotiation bound(String user) {
        RecordingNegotiation stream = authenticated(user);
        stream.session = new RecordingSession(user + "@" + DOMAIN + "/desk");
        return stream;
    }

    private StreamManagement enabled(RecordingNegotiation stream, boolean resume) {
        Element enable = sm("enable");
        if (resume) {
            enable.addAttribute("resume", "true");
        }
        feature.process(enable, stream);
        lastStream = stream;
        lastEnabled = stream.takeSent();
        return stream.managedBy;
    }

    private StreamManagement enabledWithMax(RecordingNegotiation stream, String max) {
        feature.process(sm("enable").addAttribute("resume", "true").addAttribute("max", max), stream);
        return stream.managedBy;
    }

    private static Element sm(String name) {
        return DocumentHelper.createElement(QName.get(name, Sm.NS));
    }

    private static Element stanza(String name, String id) {
        Element stanza = DocumentHelper.createElement(name);
        stanza.addAttribute("id", id);
        return stanza;
    }

    private static List<String> names(List<Element> elements) {
        return elements.stream().map(e -> e.getName().equals("resumed") ? "resumed" : e.attributeValue("id")).toList();
    }

    private static void assertFailed(String condition, Element failed) {
        assertNotNull("an answer", failed);
        assertEquals("failed", failed.getName());
        assertEquals(Sm.NS, failed.getNamespaceURI());
        assertNotNull(condition, failed.element(QName.get(condition, Sm.STANZAS)));
    }
}
