package io.switchboard.core.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionListener;
import io.switchboard.testing.RecordingSession;
import io.switchboard.testing.TestServices;

/** The registry of bound sessions, and what its listeners are told. */
public class LocalSessionsTest {

    private final TestServices services = new TestServices();
    private LocalSessions sessions;
    private final List<String> events = new ArrayList<>();

    @Before
    public void createRegistry() {
        sessions = new LocalSessions(services.context());
    }

    @Test
    public void aBoundSessionIsFoundByFullJidAndAmongItsUsersSessions() {
        RecordingSession phone = new RecordingSession("alice@example.com/phone");
        RecordingSession laptop = new RecordingSession("alice@example.com/laptop");
        RecordingSession bob = new RecordingSession("bob@example.com/desk");

        sessions.bind(phone);
        sessions.bind(laptop);
        sessions.bind(bob);

        assertSame(phone, sessions.session(new JID("alice@example.com/phone")).orElseThrow());
        assertEquals(Set.of(phone, laptop), Set.copyOf(sessions.sessions(new JID("alice@example.com"))));
        assertEquals("the resource is ignored", Set.of(phone, laptop),
                Set.copyOf(sessions.sessions(new JID("alice@example.com/whatever"))));
        assertEquals(Set.of(phone, laptop, bob), Set.copyOf(sessions.all()));
    }

    @Test
    public void aBareJidNamesNoSingleSession() {
        sessions.bind(new RecordingSession("alice@example.com/phone"));

        assertTrue(sessions.session(new JID("alice@example.com")).isEmpty());
        assertTrue(sessions.session(new JID("alice@example.com/laptop")).isEmpty());
        assertTrue(sessions.sessions(new JID("nobody@example.com")).isEmpty());
    }

    @Test
    public void unbindingRemovesOnlyThatSession() {
        RecordingSession phone = new RecordingSession("alice@example.com/phone");
        RecordingSession laptop = new RecordingSession("alice@example.com/laptop");
        sessions.bind(phone);
        sessions.bind(laptop);

        sessions.unbind(phone);

        assertEquals(List.of(laptop), List.copyOf(sessions.all()));
    }

    @Test
    public void listenersAreToldOfBindAndEndOnce() {
        addListener("a");
        RecordingSession phone = new RecordingSession("alice@example.com/phone");

        sessions.bind(phone);
        sessions.unbind(phone);
        sessions.unbind(phone); // a second end of the same session is not news

        assertEquals(List.of("a bound alice@example.com/phone", "a ended alice@example.com/phone"), events);
    }

    @Test
    public void endingASessionThatWasNeverBoundTellsNobody() {
        addListener("a");

        sessions.unbind(new RecordingSession("alice@example.com/phone"));

        assertTrue(events.isEmpty());
    }

    @Test
    public void aListenerThatThrowsDoesNotKeepOthersFromBeingTold() {
        sessions.addListener(services.register(new SessionListener() {
            @Override
            public void sessionBound(ClientSession session) {
                throw new IllegalStateException("bug in a listener");
            }
        }));
        addListener("b");

        sessions.bind(new RecordingSession("alice@example.com/phone"));

        assertEquals(List.of("b bound alice@example.com/phone"), events);
    }

    @Test
    public void aListenerThatWentAwayIsSkippedAndARemovedOneIsNotTold() {
        ServiceReference<SessionListener> gone = addListener("gone");
        services.unregister(gone);
        ServiceReference<SessionListener> removed = addListener("removed");
        sessions.removeListener(removed);
        addListener("kept");

        sessions.bind(new RecordingSession("alice@example.com/phone"));

        assertEquals(List.of("kept bound alice@example.com/phone"), events);
    }

    @Test
    public void bindingTheSameFullJidAgainClosesTheFirstWithConflict() {
        RecordingSession first = new RecordingSession("alice@example.com/phone");
        RecordingSession second = new RecordingSession("alice@example.com/phone");
        sessions.bind(first);

        sessions.bind(second);

        assertEquals(List.of(StreamError.Condition.conflict), first.closedWith);
        assertTrue(second.closedWith.isEmpty());
        assertSame(second, sessions.session(new JID("alice@example.com/phone")).orElseThrow());
    }

    @Test
    public void aSessionDisplacedByConflictIsReportedEndedOnceBeforeItsSuccessorIsBound() {
        addListener("a");
        RecordingSession first = new RecordingSession("alice@example.com/phone");
        RecordingSession second = new RecordingSession("alice@example.com/phone");
        sessions.bind(first);
        events.clear();

        sessions.bind(second);
        sessions.unbind(first); // what the displaced stream does as it ends: must not be reported again

        assertEquals(List.of("a ended alice@example.com/phone", "a bound alice@example.com/phone"), events);
        assertSame(second, sessions.session(new JID("alice@example.com/phone")).orElseThrow());
    }

    @Test
    public void bindingTheSameSessionTwiceDoesNotCloseIt() {
        RecordingSession phone = new RecordingSession("alice@example.com/phone");
        sessions.bind(phone);

        sessions.bind(phone);

        assertTrue(phone.closedWith.isEmpty());
    }

    /** Registers and binds a listener that logs "name bound|ended jid" to {@link #events}. */
    private ServiceReference<SessionListener> addListener(String name) {
        ServiceReference<SessionListener> reference = services.register(new SessionListener() {
            @Override
            public void sessionBound(ClientSession session) {
                events.add(name + " bound " + session.address());
            }

            @Override
            public void sessionEnded(ClientSession session) {
                events.add(name + " ended " + session.address());
            }
        });
        sessions.addListener(reference);
        return reference;
    }
}
