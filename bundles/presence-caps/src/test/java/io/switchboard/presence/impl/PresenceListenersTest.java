package io.switchboard.presence.impl;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.Presence;

import io.switchboard.api.presence.PresenceListener;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionEnd;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.testing.FakeSessionRegistry;
import io.switchboard.testing.RecordingRouter;
import io.switchboard.testing.RecordingSession;

/** What PresenceListeners hear: each resource coming and going, and whether it was the first or last. */
public class PresenceListenersTest {

    private final FakeSessionRegistry registry = new FakeSessionRegistry();
    private final PresenceHandler handler = new PresenceHandler(registry, new RecordingRouter("example.com"));
    private final List<String> heard = new ArrayList<>();

    private final RecordingSession desktop = registry.add(new RecordingSession("alice@example.com/desktop"));
    private final RecordingSession phone = registry.add(new RecordingSession("alice@example.com/phone"));

    @Before
    public void listen() {
        handler.addListener(new PresenceListener() {
            @Override
            public void available(ClientSession session, boolean first) {
                heard.add("available " + session.address().getResource() + (first ? " first" : ""));
            }

            @Override
            public void changed(ClientSession session) {
                heard.add("changed " + session.address().getResource());
            }

            @Override
            public void unavailable(ClientSession session, boolean last) {
                heard.add("unavailable " + session.address().getResource() + (last ? " last" : "")
                        + (session.end() == null ? "" : " " + session.end()));
            }
        });
    }

    @Test
    public void theFirstAndTheLastResourceAreMarked() throws StanzaErrorException {
        handler.handle(presence(desktop, null));
        handler.handle(presence(phone, null));
        handler.handle(presence(desktop, Presence.Type.unavailable));
        handler.handle(presence(phone, Presence.Type.unavailable));

        assertEquals(List.of("available desktop first", "available phone", "unavailable desktop",
                "unavailable phone last"), heard);
    }

    @Test
    public void aPresenceUpdateIsAChangeNotANewArrival() throws StanzaErrorException {
        handler.handle(presence(desktop, null));
        Presence away = presence(desktop, null);
        away.setShow(Presence.Show.away);
        handler.handle(away);

        assertEquals(List.of("available desktop first", "changed desktop"), heard);
    }

    @Test
    public void anEndedSessionIsUnavailableWithHowItEnded() throws StanzaErrorException {
        handler.handle(presence(desktop, null));
        desktop.end = SessionEnd.CONNECTION_LOST;
        registry.remove(desktop);

        handler.sessionEnded(desktop);

        assertEquals(List.of("available desktop first", "unavailable desktop last CONNECTION_LOST"), heard);
    }

    @Test
    public void aSessionThatNeverSentPresenceGoesUnheard() throws StanzaErrorException {
        phone.end = SessionEnd.CLOSED;
        registry.remove(phone);

        handler.sessionEnded(phone);

        assertEquals(List.of(), heard);
    }

    @Test
    public void aFailingListenerDoesNotSilenceTheOthers() throws StanzaErrorException {
        handler.addListener(new PresenceListener() {
            @Override
            public void available(ClientSession session, boolean first) {
                throw new IllegalStateException("broken listener");
            }
        });
        handler.addListener(new PresenceListener() {
            @Override
            public void available(ClientSession session, boolean first) {
                heard.add("second listener");
            }
        });

        handler.handle(presence(desktop, null));

        assertEquals(List.of("available desktop first", "second listener"), heard);
    }

    private static Presence presence(RecordingSession from, Presence.Type type) {
        Presence presence = new Presence(type);
        presence.setFrom(from.address());
        return presence;
    }
}
