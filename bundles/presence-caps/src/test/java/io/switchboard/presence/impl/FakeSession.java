package io.switchboard.presence.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

import io.switchboard.api.session.ClientSession;

/** A bound session that keeps its presence and what was delivered to it. */
final class FakeSession implements ClientSession {

    private final JID address;
    private Presence presence;
    final List<Packet> delivered = new ArrayList<>();

    FakeSession(String fullJid) {
        this.address = new JID(fullJid);
    }

    /** As if the client had already sent its initial presence. */
    FakeSession available() {
        Presence initial = new Presence();
        initial.setFrom(address);
        presence = initial;
        return this;
    }

    @Override
    public JID address() {
        return address;
    }

    @Override
    public String transport() {
        return "test";
    }

    @Override
    public String remoteAddress() {
        return "192.0.2.1";
    }

    @Override
    public Instant since() {
        return Instant.EPOCH;
    }

    @Override
    public Presence presence() {
        return presence;
    }

    @Override
    public void presence(Presence presence) {
        this.presence = presence;
    }

    @Override
    public void deliver(Packet packet) {
        delivered.add(packet);
    }

    @Override
    public void close(StreamError.Condition condition) {
        throw new AssertionError("presence never closes sessions");
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
