package io.switchboard.bind.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.testing.FakeSessionRegistry;
import io.switchboard.testing.RecordingNegotiation;
import io.switchboard.testing.RecordingSession;

public class BindFeatureTest {

    private static final String NS = "urn:ietf:params:xml:ns:xmpp-bind";

    /** What happened, in order, across the stream and the existing sessions. */
    private final List<String> log = new ArrayList<>();
    private final FakeSessionRegistry sessions = new FakeSessionRegistry();
    private RecordingNegotiation stream;
    private BindFeature feature;

    @Before
    public void setUp() {
        stream = new RecordingNegotiation("alice", "example.com", log);
        feature = new BindFeature(sessions);
    }

    @Test
    public void advertisesAnEmptyBindElement() {
        Element bind = feature.advertise(stream);

        assertEquals("bind", bind.getName());
        assertEquals(NS, bind.getNamespaceURI());
        assertTrue(bind.content().isEmpty());
    }

    @Test
    public void bindWithResourceDesktopAnswersTheFullJid() throws DocumentException {
        feature.process(bindRequest("set", "bind_1", "<resource>desktop</resource>"), stream);

        JID expected = new JID("alice", "example.com", "desktop");
        assertEquals(expected, stream.bound);
        IQ result = new IQ(stream.takeSent());
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("bind_1", result.getID());
        Element bind = result.getChildElement();
        assertEquals("bind", bind.getName());
        assertEquals(NS, bind.getNamespaceURI());
        assertEquals("alice@example.com/desktop", bind.elementText("jid"));
    }

    @Test
    public void bindWithoutResourceGetsAGeneratedOne() throws DocumentException {
        feature.process(bindRequest("set", "bind_1", ""), stream);

        assertGeneratedResource();
    }

    @Test
    public void bindWithAnEmptyResourceGetsAGeneratedOne() throws DocumentException {
        feature.process(bindRequest("set", "bind_1", "<resource>  </resource>"), stream);

        assertGeneratedResource();
    }

    @Test
    public void existingSessionWithTheSameFullJidIsClosedWithConflictBeforeBinding() throws DocumentException {
        JID desktop = new JID("alice", "example.com", "desktop");
        JID phone = new JID("alice", "example.com", "phone");
        sessions.add(new RecordingSession(desktop, log));
        sessions.add(new RecordingSession(phone, log));

        feature.process(bindRequest("set", "bind_1", "<resource>desktop</resource>"), stream);

        // the phone keeps its session; the old desktop goes first, then the new one binds
        assertEquals(List.of("close alice@example.com/desktop conflict", "bind alice@example.com/desktop"), log);
        assertEquals(IQ.Type.result, new IQ(stream.takeSent()).getType());
    }

    @Test
    public void iqOfTypeGetIsABadRequest() throws DocumentException {
        feature.process(bindRequest("get", "bind_1", "<resource>desktop</resource>"), stream);

        assertBadRequest("bind_1");
    }

    @Test
    public void iqWithoutIdIsABadRequest() throws DocumentException {
        feature.process(bindRequest("set", null, "<resource>desktop</resource>"), stream);

        assertBadRequest("");
    }

    @Test
    public void resourceThatIsNotValidIsABadRequest() throws DocumentException {
        // a resource part may not exceed 1023 bytes
        feature.process(bindRequest("set", "bind_1", "<resource>" + "r".repeat(1024) + "</resource>"), stream);

        assertBadRequest("bind_1");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Element bindRequest(String type, String id, String bindContent) throws DocumentException {
        String idAttribute = id == null ? "" : " id='" + id + "'";
        return DocumentHelper.parseText("<iq xmlns='jabber:client' type='" + type + "'" + idAttribute + ">"
                + "<bind xmlns='" + NS + "'>" + bindContent + "</bind></iq>").getRootElement();
    }

    private void assertGeneratedResource() {
        assertNotNull(stream.bound);
        String resource = stream.bound.getResource();
        assertTrue(resource, resource.matches("sb-[0-9a-f]{12}"));
        assertEquals(new JID("alice", "example.com", resource), stream.bound);
        IQ result = new IQ(stream.takeSent());
        assertEquals(IQ.Type.result, result.getType());
        assertEquals(stream.bound.toString(), result.getChildElement().elementText("jid"));
    }

    private void assertBadRequest(String id) {
        assertNull("nothing is bound", stream.bound);
        assertTrue(log.isEmpty());
        IQ error = new IQ(stream.takeSent());
        assertEquals(IQ.Type.error, error.getType());
        assertEquals(id, error.getID());
        assertEquals(PacketError.Condition.bad_request, error.getError().getCondition());
        // the request's child comes back with the error, as RFC 6120 8.3.1 allows
        assertEquals("bind", error.getChildElement().getName());
    }
}
