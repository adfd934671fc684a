package io.switchboard.transport.bosh.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.junit.Test;
import org.xmpp.packet.StreamError;

import io.switchboard.api.stream.StreamTransport;
import io.switchboard.api.stream.XmppStream;

/** The session logic alone: a scripted stream in place of the pipeline, timers fired by hand, a clock moved by hand. */
public class BoshSessionTest {

    private static final String HTTPBIND = "http://jabber.org/protocol/httpbind";
    private static final Namespace STREAMS = Namespace.get("stream", "http://etherx.jabber.org/streams");

    private final List<String> streamCalls = new ArrayList<>();
    private final List<Timer> timers = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private final List<BoshSession> endedSessions = new ArrayList<>();
    private final BodyParser parser = new BodyParser(48, 64);
    private ScriptedStream stream;

    /** A pending timer; fired only by the test. */
    private static final class Timer {
        final Runnable task;
        final Duration delay;
        boolean cancelled;

        Timer(Runnable task, Duration delay) {
            this.task = task;
            this.delay = delay;
        }
    }

    /** An HTTP request's response, as the client would read it. */
    private static final class Exchange implements BoshSession.Exchange {
        final List<String> bodies = new ArrayList<>();

        @Override
        public void respond(String body) {
            bodies.add(body);
        }

        boolean answered() {
            return !bodies.isEmpty();
        }

        Element body() {
            assertEquals("answered once", 1, bodies.size());
            try {
                return DocumentHelper.parseText(bodies.get(0)).getRootElement();
            } catch (Exception e) {
                throw new AssertionError(bodies.get(0), e);
            }
        }
    }

    /** What the pipeline does, reduced to what the transport sees. */
    private final class ScriptedStream implements XmppStream {
        final StreamTransport transport;
        int headers;

        ScriptedStream(StreamTransport transport) {
            this.transport = transport;
        }

        @Override
        public void opened(String to, String version, String lang) {
            streamCalls.add("opened " + to + " " + version);
            transport.openStream("example.com", "stream" + ++headers, "1.0", "en");
            Element features = DocumentHelper.createElement(QName.get("features", STREAMS));
            features.addElement("mechanisms", "urn:ietf:params:xml:ns:xmpp-sasl");
            transport.send(features);
        }

        @Override
        public void received(Element element) {
            streamCalls.add("received " + element.getName() + " " + element.attributeValue("id"));
            if ("echo".equals(element.attributeValue("type"))) { // answers twice: one response must carry both
                transport.send(DocumentHelper.createElement("message").addAttribute("id", "a"));
                transport.send(DocumentHelper.createElement("message").addAttribute("id", "b"));
            }
        }

        @Override
        public void closed() {
            streamCalls.add("closed");
            transport.closeStream();
        }

        @Override
        public void failed(StreamError.Condition condition, String text) {
            streamCalls.add("failed " + condition.toXMPP());
            Element error = DocumentHelper.createElement(QName.get("error", STREAMS));
            error.addElement(condition.toXMPP(), "urn:ietf:params:xml:ns:xmpp-streams");
            transport.send(error);
            transport.closeStream();
        }

        @Override
        public void disconnected() {
            streamCalls.add("disconnected");
        }
    }

    private BoshSession session(int hold) {
        return new BoshSession("sid1", new BoshSession.Terms(30, hold, hold + 1, 60, 2),
                new BoshSession.Peer("192.0.2.1", 4711, true, false),
                transport -> stream = new ScriptedStream(transport),
                (task, delay) -> {
                    Timer timer = new Timer(task, delay);
                    timers.add(timer);
                    return () -> timer.cancelled = true;
                },
                clock::get, endedSessions::add);
    }

    private Element body(String xml) throws Exception {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    private Element request(long rid, String content) throws Exception {
        return body("<body xmlns='" + HTTPBIND + "' sid='sid1' rid='" + rid + "'>" + content + "</body>");
    }

    private Exchange created(BoshSession session) throws Exception {
        Exchange creation = new Exchange();
        session.start(body("<body xmlns='" + HTTPBIND + "' xmlns:xmpp='urn:xmpp:xbosh' rid='100' to='example.com'"
                + " wait='30' hold='1' xmpp:version='1.0' xml:lang='en'/>"), 100, creation);
        return creation;
    }

    private Exchange send(BoshSession session, long rid, String content) throws Exception {
        Exchange exchange = new Exchange();
        session.request(request(rid, content), rid, exchange);
        return exchange;
    }

    private static List<String> childNames(Element body) {
        return body.elements().stream().map(Element::getQualifiedName).toList();
    }

    private void fireTimers() {
        for (Timer timer : new ArrayList<>(timers)) {
            if (!timer.cancelled) {
                timer.cancelled = true;
                timer.task.run();
            }
        }
    }

    @Test
    public void creationAnswersWithTheSessionsTermsAndTheFeatures() throws Exception {
        Element response = created(session(1)).body();
        assertEquals("sid1", response.attributeValue("sid"));
        assertEquals("30", response.attributeValue("wait"));
        assertEquals("1", response.attributeValue("hold"));
        assertEquals("2", response.attributeValue("requests"));
        assertEquals("60", response.attributeValue("inactivity"));
        assertEquals("2", response.attributeValue("polling"));
        assertEquals("1.11", response.attributeValue("ver"));
        assertEquals("example.com", response.attributeValue("from"));
        assertEquals("stream1", response.attributeValue("authid"));
        assertEquals("1.0", response.attributeValue(QName.get("version", Namespace.get("urn:xmpp:xbosh"))));
        assertEquals("true", response.attributeValue(QName.get("restartlogic", Namespace.get("urn:xmpp:xbosh"))));
        assertEquals(List.of("stream:features"), childNames(response));
        assertEquals(List.of("opened example.com 1.0"), streamCalls);
        assertEquals("bosh", stream.transport.name());
        assertTrue(stream.transport.isSecure());
        assertEquals("192.0.2.1", stream.transport.remoteHost());
    }

    @Test
    public void aHeldRequestIsAnsweredWhenThePipelineSendsSomething() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange held = send(session, 101, "");
        assertFalse(held.answered());

        stream.transport.send(DocumentHelper.createElement("message").addAttribute("id", "m1"));
        Element response = held.body();
        assertEquals(List.of("message"), childNames(response));
        assertEquals("jabber:client", response.elements().get(0).getNamespaceURI());
    }

    @Test
    public void everythingARequestCausesGoesInOneResponse() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange echo = send(session, 101, "<iq type='echo' id='e'/>");
        assertEquals(List.of("message", "message"), childNames(echo.body()));
    }

    @Test
    public void aNewRequestBeyondHoldReleasesTheOldestEmpty() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange first = send(session, 101, "");
        Exchange second = send(session, 102, "");
        assertTrue(first.body().elements().isEmpty());
        assertNull(first.body().attributeValue("type"));
        assertFalse(second.answered());
    }

    @Test
    public void aHeldRequestIsAnsweredEmptyAfterTheWait() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange held = send(session, 101, "");
        assertEquals(Duration.ofSeconds(30), timers.get(timers.size() - 1).delay);
        fireTimers();
        assertTrue(held.body().elements().isEmpty());
    }

    @Test
    public void requestsAheadWaitForTheMissingOneThenRunInRidOrder() throws Exception {
        BoshSession session = session(2); // requests = 3
        created(session);
        Exchange later = send(session, 102, "<message id='second'/>");
        assertEquals(List.of("opened example.com 1.0"), streamCalls);
        send(session, 101, "<message id='first'/>");
        assertEquals(List.of("opened example.com 1.0", "received message first", "received message second"), streamCalls);
        assertFalse(later.answered());
    }

    @Test
    public void aRepeatedRidGetsTheSameResponseAgain() throws Exception {
        BoshSession session = session(1);
        Exchange creation = created(session);
        Exchange echo = send(session, 101, "<iq type='echo' id='e'/>");

        Exchange again = send(session, 101, "<iq type='echo' id='e'/>");
        assertEquals(echo.bodies, again.bodies);
        assertEquals("delivered once", 2, streamCalls.size());
        Exchange creationAgain = new Exchange();
        session.request(request(100, ""), 100, creationAgain);
        assertEquals(creation.bodies, creationAgain.bodies);
    }

    @Test
    public void aRidBeyondTheWindowEndsTheSessionWithItemNotFound() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange held = send(session, 101, "");
        Exchange wild = send(session, 150, "");
        assertEquals("terminate", wild.body().attributeValue("type"));
        assertEquals("item-not-found", wild.body().attributeValue("condition"));
        assertEquals("terminate", held.body().attributeValue("type"));
        assertTrue(streamCalls.contains("disconnected"));
        assertEquals(List.of(session), endedSessions);

        Exchange after = send(session, 102, "");
        assertEquals("item-not-found", after.body().attributeValue("condition"));
    }

    @Test
    public void aRidTooOldToReplayEndsTheSession() throws Exception {
        BoshSession session = session(1);
        created(session);
        send(session, 101, "");
        send(session, 102, "");
        send(session, 103, ""); // responses kept: the last 2
        Exchange old = send(session, 100, "");
        assertEquals("item-not-found", old.body().attributeValue("condition"));
    }

    @Test
    public void restartOpensTheStreamAgain() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange restart = new Exchange();
        session.request(body("<body xmlns='" + HTTPBIND + "' xmlns:xmpp='urn:xmpp:xbosh' sid='sid1' rid='101'"
                + " to='example.com' xmpp:restart='true'/>"), 101, restart);
        assertEquals(List.of("opened example.com 1.0", "opened example.com 1.0"), streamCalls);
        assertEquals(List.of("stream:features"), childNames(restart.body()));
        assertNull("only the creation response has the terms", restart.body().attributeValue("sid"));
    }

    @Test
    public void terminateClosesTheStreamAfterItsStanzas() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange held = send(session, 101, "");
        Exchange terminate = new Exchange();
        session.request(body("<body xmlns='" + HTTPBIND + "' sid='sid1' rid='102' type='terminate'>"
                + "<presence type='unavailable' id='bye'/></body>"), 102, terminate);
        assertEquals(List.of("opened example.com 1.0", "received presence bye", "closed"), streamCalls);
        assertEquals("terminate", terminate.body().attributeValue("type"));
        assertNull(terminate.body().attributeValue("condition"));
        assertEquals("terminate", held.body().attributeValue("type"));
        assertEquals(List.of(session), endedSessions);
    }

    @Test
    public void aStreamErrorEndsTheSessionWithRemoteStreamError() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange held = send(session, 101, "");
        stream.failed(StreamError.Condition.conflict, null); // as a kick does
        Element response = held.body();
        assertEquals("terminate", response.attributeValue("type"));
        assertEquals("remote-stream-error", response.attributeValue("condition"));
        Element error = response.element(QName.get("error", STREAMS));
        assertNotNull(error);
        assertNotNull(error.element("conflict"));
        assertEquals(List.of(session), endedSessions);
    }

    @Test
    public void aStreamErrorWithoutAHeldRequestGoesWithTheNextRequest() throws Exception {
        BoshSession session = session(1);
        created(session);
        stream.failed(StreamError.Condition.conflict, null);
        assertTrue(endedSessions.isEmpty());
        Exchange next = send(session, 101, "<message id='late'/>");
        assertEquals("remote-stream-error", next.body().attributeValue("condition"));
        assertFalse("the stream is over", streamCalls.contains("received message late"));
        assertEquals(List.of(session), endedSessions);
    }

    @Test
    public void restrictedXmlFailsTheStream() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange bad = new Exchange();
        session.fail(bad, StreamError.Condition.restricted_xml, "comments are not allowed");
        assertEquals("remote-stream-error", bad.body().attributeValue("condition"));
        assertNotNull(bad.body().element(QName.get("error", STREAMS)).element("restricted-xml"));
    }

    @Test
    public void aBadRequestEndsTheSessionWithoutTheStreamsLastWords() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange held = send(session, 101, "");
        Exchange bad = new Exchange();
        session.terminate(bad, "bad-request", StreamError.Condition.not_well_formed, null);
        assertTrue(streamCalls.contains("failed not-well-formed"));
        assertEquals("bad-request", held.body().attributeValue("condition"));
        assertTrue(held.body().elements().isEmpty());
        assertEquals("bad-request", bad.body().attributeValue("condition"));
    }

    @Test
    public void inactivityWithoutAHeldRequestEndsTheSession() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange held = send(session, 101, "");
        clock.addAndGet(Duration.ofSeconds(600).toNanos());
        session.checkInactive();
        assertTrue("a held request keeps it alive", endedSessions.isEmpty());

        fireTimers(); // the wait is over: answered empty, nothing held from now on
        assertTrue(held.answered());
        clock.addAndGet(Duration.ofSeconds(60).toNanos());
        session.checkInactive();
        assertTrue(endedSessions.isEmpty());
        clock.addAndGet(1);
        session.checkInactive();
        assertEquals(List.of(session), endedSessions);
        assertTrue(streamCalls.contains("disconnected"));
        assertEquals("item-not-found", send(session, 102, "").body().attributeValue("condition"));
    }

    @Test
    public void shutdownAnswersHeldRequestsWithSystemShutdown() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange held = send(session, 101, "");
        session.shutdown();
        assertEquals("system-shutdown", held.body().attributeValue("condition"));
        assertNotNull(held.body().element(QName.get("error", STREAMS)).element("system-shutdown"));
        assertEquals(List.of(session), endedSessions);
    }

    @Test
    public void aRequestAheadThatWaitsTooLongEndsTheSession() throws Exception {
        BoshSession session = session(1);
        created(session);
        Exchange ahead = send(session, 102, "");
        fireTimers();
        assertEquals("item-not-found", ahead.body().attributeValue("condition"));
        assertEquals(List.of(session), endedSessions);
    }
}
