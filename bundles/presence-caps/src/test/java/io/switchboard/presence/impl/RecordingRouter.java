package io.switchboard.presence.impl;

import java.util.ArrayList;
import java.util.List;

import org.xmpp.packet.Packet;

import io.switchboard.api.routing.Router;

final class RecordingRouter implements Router {

    final List<Packet> routed = new ArrayList<>();

    Packet takeRouted() {
        if (routed.size() != 1) {
            throw new AssertionError("expected exactly one routed stanza, got " + routed);
        }
        return routed.remove(0);
    }

    @Override
    public String domain() {
        return "example.com";
    }

    @Override
    public void route(Packet packet) {
        routed.add(packet);
    }
}
