package io.switchboard.testing;

import java.util.ArrayList;
import java.util.List;

import org.xmpp.packet.Packet;

import io.switchboard.api.routing.Router;

/** A router for one domain that delivers nothing: it records each stanza it is asked to route. */
public final class RecordingRouter implements Router {

    /** The stanzas routed and not yet taken, oldest first. */
    public final List<Packet> routed = new ArrayList<>();
    private final String domain;

    public RecordingRouter(String domain) {
        this.domain = domain;
    }

    /** The one stanza routed since the last call; fails if there was not exactly one. */
    public Packet takeRouted() {
        return Recorded.takeOnly(routed, "routed stanza");
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public void route(Packet packet) {
        routed.add(packet);
    }
}
