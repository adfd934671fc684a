package io.switchboard.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.xmpp.packet.JID;

import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionRegistry;

/**
 * A session registry the test fills by hand. It records nothing; it answers lookups from the
 * sessions added, in the order they were added.
 */
public final class FakeSessionRegistry implements SessionRegistry {

    private final List<ClientSession> sessions = new ArrayList<>();

    /** Binds a session; returns it, for a test to keep. */
    public <S extends ClientSession> S add(S session) {
        sessions.add(session);
        return session;
    }

    /** Unbinds a session, as the core does before telling listeners that it ended. */
    public void remove(ClientSession session) {
        sessions.remove(session);
    }

    @Override
    public Optional<ClientSession> session(JID fullJid) {
        return sessions.stream().filter(session -> session.address().equals(fullJid)).findFirst();
    }

    @Override
    public Collection<ClientSession> sessions(JID user) {
        return sessions.stream().filter(session -> session.address().asBareJID().equals(user.asBareJID())).toList();
    }

    @Override
    public Collection<ClientSession> all() {
        return List.copyOf(sessions);
    }
}
