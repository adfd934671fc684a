package io.switchboard.core.impl;

import static io.switchboard.core.impl.Xml.stanzaErrorCondition;
import static io.switchboard.core.impl.Xml.streamErrorCondition;
import static io.switchboard.core.impl.Xml.xml;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.session.ClientSession;
import io.switchboard.api.stream.StreamFeature;
import io.switchboard.api.stream.XmppStream;
import io.switchboard.core.impl.RecordingTransport.Header;
import io.switchboard.testing.TestServices;

/**
 * The RFC 6120 state machine of one client stream, driven the way a transport drives it: through
 * {@link DefaultStreamPipeline#open} and the {@link XmppStream} calls, with a recording transport.
 * Real router and session registry; SASL and binding are played by scripted features.
 */
public class ClientStreamTest {

    private static final String DOMAIN = "example.com";
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    private static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";

    private final TestServices services = new TestServices();
    private LocalSessions sessions;
    private DefaultStreamPipeline pipeline;
    private FakeFeature sasl;
    private FakeFeature bind;
    private RecordingTransport transport;
    private XmppStream stream;

    @Before
    public void startCore() {
        sessions = new LocalSessions(services.context());
        DefaultRouter router = new DefaultRouter(services.context(), sessions, CoreConfigs.config(DOMAIN));
        pipeline = new DefaultStreamPipeline(router, sessions, CoreConfigs.limits());

        // <auth>name</auth> authenticates as that name: enough SASL to move the stream along
        sasl = new FakeFeature("mechanisms", SASL, (auth, negotiation) -> {
            negotiation.authenticated(auth.getTextTrim());
            negotiation.send(xml("<success xmlns='" + SASL + "'/>"));
        });
        // binds the resource asked for, as the bind bundle does
        bind = new FakeFeature("bind", BIND, (iq, negotiation) -> {
            String resource = iq.element("bind").elementText("resource");
            JID address = new JID(negotiation.username(), negotiation.domain(), resource);
            negotiation.bind(address);
            IQ result = new IQ(IQ.Type.result, iq.attributeValue("id"));
            result.setChildElement("bind", BIND).addElement("jid").setText(address.toString());
            negotiation.send(result.getElement());
        });
        pipeline.addFeature(sasl, Map.of(StreamFeature.NAMESPACE, SASL, StreamFeature.STAGE, StreamFeature.STAGE_PRE_AUTH));
        pipeline.addFeature(bind, Map.of(StreamFeature.NAMESPACE, BIND, StreamFeature.STAGE, StreamFeature.STAGE_POST_AUTH));

        transport = new RecordingTransport();
        stream = pipeline.open(transport);
    }

    // ---- opening ------------------------------------------------------------------------------

    @Test
    public void openingSendsTheHeaderThenThePreAuthFeatures() {
        stream.opened(DOMAIN, "1.0", "en");

        assertEquals(2, transport.written.size());
        Header header = (Header) transport.written.get(0);
        assertEquals(DOMAIN, header.from());
        assertEquals("1.0", header.version());
        assertEquals("en", header.lang());
        assertFalse("a stream id", header.streamId().isEmpty());

        Element features = (Element) transport.written.get(1);
        assertEquals("features", features.getName());
        assertEquals(Xml.STREAMS, features.getNamespaceURI());
        assertEquals(1, features.elements().size());
        assertNotNull("SASL is offered", features.element(QName.get("mechanisms", SASL)));
        assertFalse(transport.isClosed());
    }

    @Test
    public void aMissingToIsAcceptedAndTheDomainMatchesIgnoringCase() {
        RecordingTransport otherTransport = new RecordingTransport();
        XmppStream other = pipeline.open(otherTransport);

        stream.opened(null, "1.0", null);
        other.opened("EXAMPLE.com", "1.0", "en");

        assertEquals("features", transport.lastElement().getName());
        assertEquals("features", otherTransport.lastElement().getName());
    }

    @Test
    public void aWrongToGetsTheHeaderThenHostUnknownThenTheClose() {
        stream.opened("other.example", "1.0", "en");

        assertEquals(3, transport.written.size());
        assertEquals("the header is still ours", DOMAIN, ((Header) transport.written.get(0)).from());
        assertEquals("host-unknown", streamErrorCondition((Element) transport.written.get(1)));
        assertEquals(RecordingTransport.CLOSE, transport.written.get(2));
    }

    @Test
    public void aMissingVersionIsUnsupported() {
        stream.opened(DOMAIN, null, "en"); // RFC 6120 4.7.5: no version means 0.9

        assertEquals("unsupported-version", transport.endingStreamError());
    }

    @Test
    public void anotherMajorVersionIsUnsupported() {
        stream.opened(DOMAIN, "2.0", "en");

        assertEquals("unsupported-version", transport.endingStreamError());
    }

    @Test
    public void anElementBeforeTheHeaderIsAnErrorThatStillStartsWithAHeader() {
        stream.received(xml("<message to='bob@example.com'/>"));

        // RFC 6120 4.9.1.1: the error goes in a stream, so the server opens one first
        assertTrue(transport.written.get(0) instanceof Header);
        assertEquals("invalid-namespace", streamErrorCondition((Element) transport.written.get(1)));
        assertEquals(RecordingTransport.CLOSE, transport.written.get(2));
    }

    @Test
    public void openingTwiceWithoutAuthenticationIsAPolicyViolation() {
        stream.opened(DOMAIN, "1.0", "en");
        stream.opened(DOMAIN, "1.0", "en");

        assertEquals("policy-violation", transport.endingStreamError());
    }

    // ---- before authentication ------------------------------------------------------------------

    @Test
    public void aStanzaBeforeAuthenticationIsNotAuthorizedAndEndsTheStream() {
        stream.opened(DOMAIN, "1.0", "en");
        transport.clear();

        stream.received(xml("<message to='bob@example.com'><body>hi</body></message>"));

        assertEquals(2, transport.written.size());
        assertEquals("not-authorized", streamErrorCondition((Element) transport.written.get(0)));
        assertEquals(RecordingTransport.CLOSE, transport.written.get(1));
        assertTrue("no feature saw it", sasl.processed.isEmpty() && bind.processed.isEmpty());
    }

    @Test
    public void aBindRequestBeforeAuthenticationIsNotAuthorized() {
        stream.opened(DOMAIN, "1.0", "en");

        stream.received(xml("<iq type='set' id='b1'><bind xmlns='" + BIND + "'/></iq>"));

        assertEquals("not-authorized", streamErrorCondition(transport.lastElement()));
        assertTrue(bind.processed.isEmpty());
    }

    @Test
    public void anElementInTheSaslNamespaceGoesToTheSaslFeature() {
        stream.opened(DOMAIN, "1.0", "en");

        stream.received(xml("<auth xmlns='" + SASL + "' mechanism='PLAIN'>alice</auth>"));

        assertEquals(1, sasl.processed.size());
        assertEquals("success", transport.lastElement().getName());
        assertFalse(transport.isClosed());
    }

    @Test
    public void aFeatureThatThrowsEndsTheStreamWithInternalServerError() {
        FakeFeature broken = new FakeFeature(null, "urn:test:broken", (element, negotiation) -> {
            throw new IllegalStateException("bug in a feature");
        });
        pipeline.addFeature(broken, Map.of(StreamFeature.NAMESPACE, "urn:test:broken",
                StreamFeature.STAGE, StreamFeature.STAGE_PRE_AUTH));
        stream.opened(DOMAIN, "1.0", "en");

        stream.received(xml("<go xmlns='urn:test:broken'/>"));

        assertEquals("internal-server-error", transport.endingStreamError());
    }

    // ---- restart and binding ----------------------------------------------------------------

    @Test
    public void anythingButARestartAfterAuthenticationIsAPolicyViolation() {
        authenticate(stream, "alice");

        stream.received(xml("<iq type='set' id='b1'><bind xmlns='" + BIND + "'/></iq>"));

        assertEquals("policy-violation", streamErrorCondition(transport.lastElement()));
        assertTrue(bind.processed.isEmpty());
    }

    @Test
    public void theRestartGetsAHeaderAndThePostAuthFeatures() {
        authenticate(stream, "alice");
        transport.clear();

        stream.opened(DOMAIN, "1.0", "en");

        assertEquals(2, transport.written.size());
        assertEquals(DOMAIN, ((Header) transport.written.get(0)).from());
        Element features = (Element) transport.written.get(1);
        assertEquals("features", features.getName());
        assertEquals("only the post-auth features", 1, features.elements().size());
        assertNotNull("binding is offered", features.element(QName.get("bind", BIND)));
    }

    @Test
    public void authenticatingAsksTheTransportToRestartItsParser() {
        authenticate(stream, "alice");

        assertEquals(List.of("restartStream"), transport.requests);
    }

    // ---- STARTTLS ----------------------------------------------------------------------------------

    @Test
    public void whereTlsIsRequiredOnlyStartTlsIsOfferedAndAnythingElseIsAPolicyViolation() {
        RecordingTransport tcp = startTlsTransport();
        XmppStream tcpStream = pipeline.open(tcp);
        tcpStream.opened(DOMAIN, "1.0", "en");

        Element features = tcp.lastElement();
        assertEquals(1, features.elements().size());
        Element startTls = features.element(QName.get("starttls", TLS));
        assertNotNull(startTls.element(QName.get("required", TLS)));

        tcpStream.received(xml("<auth xmlns='" + SASL + "'>alice</auth>"));
        assertEquals("policy-violation", tcp.endingStreamError());
        assertTrue(sasl.processed.isEmpty());
    }

    @Test
    public void startTlsProceedsThenANewStreamOffersSaslAndNoSecondStartTls() {
        RecordingTransport tcp = startTlsTransport();
        XmppStream tcpStream = pipeline.open(tcp);
        tcpStream.opened(DOMAIN, "1.0", "en");

        tcpStream.received(xml("<starttls xmlns='" + TLS + "'/>"));
        assertEquals("proceed", tcp.lastElement().getName());
        assertEquals(List.of("startTls"), tcp.requests);

        tcpStream.opened(DOMAIN, "1.0", "en");
        Element features = tcp.lastElement();
        assertNull(features.element(QName.get("starttls", TLS)));
        assertNotNull(features.element(QName.get("mechanisms", SASL)));
    }

    @Test
    public void startTlsWhereItIsNotPossibleFailsAndCloses() {
        stream.opened(DOMAIN, "1.0", "en");

        stream.received(xml("<starttls xmlns='" + TLS + "'/>"));

        assertEquals("failure", transport.lastElement().getName());
        assertEquals(TLS, transport.lastElement().getNamespaceURI());
        assertTrue(transport.isClosed());
    }

    private static RecordingTransport startTlsTransport() {
        RecordingTransport tcp = new RecordingTransport();
        tcp.startTlsPossible = true;
        tcp.startTlsRequired = true;
        return tcp;
    }

    @Test
    public void everyHeaderHasItsOwnStreamId() {
        authenticate(stream, "alice");
        stream.opened(DOMAIN, "1.0", "en");

        List<Header> headers = transport.headers();
        assertEquals(2, headers.size());
        assertNotEquals(headers.get(0).streamId(), headers.get(1).streamId());
    }

    @Test
    public void aFeatureThatAdvertisesNothingIsLeftOutOfTheFeatures() {
        pipeline.addFeature(new FakeFeature(null, "urn:test:silent", (element, negotiation) -> { }),
                Map.of(StreamFeature.NAMESPACE, "urn:test:silent", StreamFeature.STAGE, StreamFeature.STAGE_PRE_AUTH));

        stream.opened(DOMAIN, "1.0", "en");

        assertEquals(1, transport.lastElement().elements().size());
    }

    @Test
    public void bindingMakesASessionInTheRegistry() {
        XmppStream alice = connect(transport, "alice", "phone");

        ClientSession session = sessions.session(new JID("alice@example.com/phone")).orElseThrow();
        assertSame("the stream is the session", ((Connection) alice).stream(), session);
        assertEquals(new JID("alice@example.com/phone"), session.address());
        assertEquals("recording", session.transport());
        assertEquals("192.0.2.7:50000", session.remoteAddress());
        assertNotNull(session.since());
        assertNull("no initial presence yet", session.presence());
        assertEquals(List.of(session), List.copyOf(sessions.sessions(new JID("alice@example.com"))));

        Element result = transport.lastElement();
        assertEquals("result", result.attributeValue("type"));
        assertEquals("alice@example.com/phone", result.element("bind").elementText("jid"));
    }

    @Test
    public void aStanzaAfterTheRestartButBeforeBindingIsNotAuthorized() {
        authenticate(stream, "alice");
        stream.opened(DOMAIN, "1.0", "en");

        stream.received(xml("<message to='bob@example.com'><body>hi</body></message>"));

        assertEquals("not-authorized", streamErrorCondition(transport.lastElement()));
        assertTrue(sessions.all().isEmpty());
    }

    // ---- stanzas of a bound session ---------------------------------------------------------------

    @Test
    public void aStanzaIsRoutedWithTheSessionsFullJidAsFrom() {
        connect(transport, "alice", "phone");
        RecordingTransport bobsTransport = new RecordingTransport();
        connect(bobsTransport, "bob", "desk");
        bobsTransport.clear();

        stream.received(xml("<message to='bob@example.com/desk' type='chat'><body>hi</body></message>"));

        Element received = bobsTransport.lastElement();
        assertEquals("message", received.getName());
        assertEquals("alice@example.com/phone", received.attributeValue("from"));
        assertEquals("hi", received.elementText("body"));
    }

    @Test
    public void aFromOfTheSessionsOwnBareJidIsAcceptedAndCompleted() {
        connect(transport, "alice", "phone");
        RecordingTransport bobsTransport = new RecordingTransport();
        connect(bobsTransport, "bob", "desk");

        stream.received(xml("<message from='alice@example.com' to='bob@example.com/desk'><body>hi</body></message>"));

        assertEquals("alice@example.com/phone", bobsTransport.lastElement().attributeValue("from"));
        assertFalse(transport.isClosed());
    }

    @Test
    public void aFromOfAnotherUserIsInvalidFromAndEndsTheSession() {
        connect(transport, "alice", "phone");
        RecordingTransport bobsTransport = new RecordingTransport();
        connect(bobsTransport, "bob", "desk");
        bobsTransport.clear();

        stream.received(xml("<message from='bob@example.com/desk' to='bob@example.com/desk'><body>spoof</body></message>"));

        assertEquals("invalid-from", transport.endingStreamError());
        assertTrue("nothing was routed", bobsTransport.written.isEmpty());
        assertTrue("alice's session ended", sessions.session(new JID("alice@example.com/phone")).isEmpty());
    }

    @Test
    public void anotherResourceOfTheSameUserIsAlsoAnInvalidFrom() {
        connect(transport, "alice", "phone");

        stream.received(xml("<presence from='alice@example.com/laptop'/>"));

        assertEquals("invalid-from", streamErrorCondition(transport.lastElement()));
    }

    @Test
    public void anIqWithoutIdIsAnsweredWithBadRequestAndTheStreamStaysOpen() {
        connect(transport, "alice", "phone");
        transport.clear();

        stream.received(xml("<iq type='get'><query xmlns='jabber:iq:version'/></iq>"));

        Element error = transport.lastElement();
        assertEquals("iq", error.getName());
        assertEquals("bad-request", stanzaErrorCondition(error));
        assertEquals(DOMAIN, error.attributeValue("from"));
        assertEquals("alice@example.com/phone", error.attributeValue("to"));
        assertFalse(transport.isClosed());
        assertTrue(sessions.session(new JID("alice@example.com/phone")).isPresent());
    }

    @Test
    public void aGetWithTwoChildrenIsABadRequest() {
        connect(transport, "alice", "phone");

        stream.received(xml("<iq type='get' id='q1'><a xmlns='urn:a'/><b xmlns='urn:b'/></iq>"));

        Element error = transport.lastElement();
        assertEquals("bad-request", stanzaErrorCondition(error));
        assertEquals("q1", error.attributeValue("id"));
    }

    @Test
    public void anIqOfUnknownTypeIsABadRequest() {
        connect(transport, "alice", "phone");

        stream.received(xml("<iq type='fetch' id='q2'><query xmlns='jabber:iq:version'/></iq>"));

        assertEquals("bad-request", stanzaErrorCondition(transport.lastElement()));
    }

    @Test
    public void anIqResponseWithoutIdIsNotAnsweredAtAll() {
        connect(transport, "alice", "phone");
        transport.clear();

        // RFC 6120 8.2.3 and 8.3.1: a result or an error is never answered with an error
        stream.received(xml("<iq type='error' to='example.com'/>"));
        stream.received(xml("<iq type='result' to='example.com'/>"));

        assertTrue(transport.written.isEmpty());
    }

    @Test
    public void anUnknownTopLevelElementAfterBindingIsAnUnsupportedStanzaType() {
        connect(transport, "alice", "phone");

        stream.received(xml("<stanza to='bob@example.com'/>"));

        assertEquals("unsupported-stanza-type", transport.endingStreamError());
        assertTrue(sessions.all().isEmpty());
    }

    @Test
    public void aNamespacedTopLevelElementAfterBindingIsAnUnsupportedStanzaType() {
        connect(transport, "alice", "phone");

        stream.received(xml("<r xmlns='urn:xmpp:sm:3'/>")); // stream management is not offered

        assertEquals("unsupported-stanza-type", streamErrorCondition(transport.lastElement()));
    }

    // ---- ending ----------------------------------------------------------------------------------

    @Test
    public void aCleanCloseAnswersWithACloseAndUnbinds() {
        connect(transport, "alice", "phone");
        transport.clear();

        stream.closed();

        assertEquals(List.of(RecordingTransport.CLOSE), transport.written);
        assertTrue(sessions.session(new JID("alice@example.com/phone")).isEmpty());
    }

    @Test
    public void aLostConnectionUnbindsWithoutWriting() {
        connect(transport, "alice", "phone");
        transport.clear();

        stream.disconnected();

        assertTrue(transport.written.isEmpty());
        assertTrue(sessions.all().isEmpty());
    }

    @Test
    public void nothingIsWrittenOrDeliveredAfterTheStreamEnded() {
        connect(transport, "alice", "phone");
        ClientSession session = sessions.session(new JID("alice@example.com/phone")).orElseThrow();
        stream.closed();
        transport.clear();

        stream.closed();
        stream.failed(StreamError.Condition.not_well_formed, null);
        stream.received(xml("<message to='bob@example.com'/>"));
        session.deliver(new org.xmpp.packet.Message());

        assertTrue(transport.written.isEmpty());
    }

    @Test
    public void aTransportFailureGetsItsStreamErrorAndTheClose() {
        stream.opened(DOMAIN, "1.0", "en");
        transport.clear();

        stream.failed(StreamError.Condition.not_well_formed, null);

        assertEquals("not-well-formed", streamErrorCondition((Element) transport.written.get(0)));
        assertEquals(RecordingTransport.CLOSE, transport.written.get(1));
    }

    @Test
    public void theStreamErrorCarriesTheText() {
        stream.opened("other.example", "1.0", "en");

        Element error = (Element) transport.written.get(1);
        Element text = error.element(QName.get("text", Xml.STREAM_ERRORS));
        assertEquals("this server is example.com", text.getText());
    }

    @Test
    public void aSecondBindOfTheSameFullJidClosesTheFirstWithConflict() {
        connect(transport, "alice", "phone");
        RecordingTransport secondTransport = new RecordingTransport();
        XmppStream second = connect(secondTransport, "alice", "phone");
        RecordingTransport bobsTransport = new RecordingTransport();
        XmppStream bob = connect(bobsTransport, "bob", "desk");

        assertEquals("conflict", transport.endingStreamError());
        // the first stream's end did not unbind its successor, which now gets alice's stanzas
        assertSame(((Connection) second).stream(), sessions.session(new JID("alice@example.com/phone")).orElseThrow());
        assertEquals(2, sessions.all().size());
        int writtenToFirst = transport.written.size();
        bob.received(xml("<message to='alice@example.com/phone'><body>which one?</body></message>"));
        assertEquals("which one?", secondTransport.lastElement().elementText("body"));
        assertEquals(writtenToFirst, transport.written.size());
        assertFalse(secondTransport.isClosed());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Opens the stream and authenticates it as this user; the client must restart it next. */
    private static void authenticate(XmppStream opened, String user) {
        opened.opened(DOMAIN, "1.0", "en");
        opened.received(xml("<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + user + "</auth>"));
    }

    /** Opens a stream on this transport, authenticates, restarts and binds; the first one is {@link #stream}. */
    private XmppStream connect(RecordingTransport on, String user, String resource) {
        XmppStream opened = on == transport ? stream : pipeline.open(on);
        authenticate(opened, user);
        opened.opened(DOMAIN, "1.0", "en");
        opened.received(xml("<iq type='set' id='bind-1'><bind xmlns='" + BIND + "'><resource>" + resource
                + "</resource></bind></iq>"));
        return opened;
    }
}
