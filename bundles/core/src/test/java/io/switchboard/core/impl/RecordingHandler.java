package io.switchboard.core.impl;

import java.util.ArrayList;
import java.util.List;

import org.xmpp.packet.Packet;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;

/** A stanza handler that records what it is given and then does what its behaviour says. */
final class RecordingHandler implements StanzaHandler {

    /** What the handler does with a stanza after recording it. */
    interface Behaviour {
        void handle(Packet packet) throws StanzaErrorException;
    }

    final List<Packet> handled = new ArrayList<>();
    private final Behaviour behaviour;

    RecordingHandler() {
        this(packet -> { });
    }

    RecordingHandler(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    @Override
    public void handle(Packet packet) throws StanzaErrorException {
        handled.add(packet);
        behaviour.handle(packet);
    }
}
