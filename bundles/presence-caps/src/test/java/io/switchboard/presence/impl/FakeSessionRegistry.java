package io.switchboard.presence.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.xmpp.packet.JID;

import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionRegistry;

/** The bound sessions, in the order they were added. */
final class FakeSessionRegistry implements SessionRegistry {

    private final List<ClientSession> sessions = new ArrayList<>();

    FakeSession add(FakeSession session) {
        sessions.add(session);
        return session;
    }

    /** What the core does before telling listeners that a session ended. */
    void remove(ClientSession session) {
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
