package io.switchboard.bind.impl;

import java.time.Instant;
import java.util.List;

import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

import io.switchboard.api.session.ClientSession;

/** A bound session that only records being closed, in a log shared with the stream. */
final class FakeSession implements ClientSession {

    private final JID address;
    private final List<String> log;

    FakeSession(JID address, List<String> log) {
        this.address = address;
        this.log = log;
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
        return "192.0.2.2";
    }

    @Override
    public Instant since() {
        return Instant.EPOCH;
    }

    @Override
    public Presence presence() {
        return null;
    }

    @Override
    public void presence(Presence presence) {
    }

    @Override
    public void deliver(Packet packet) {
    }

    @Override
    public void close(StreamError.Condition condition) {
        log.add("close " + address + " " + (condition == null ? "clean" : condition.toXMPP()));
    }
}
