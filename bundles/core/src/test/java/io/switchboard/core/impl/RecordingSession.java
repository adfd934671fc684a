package io.switchboard.core.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

import io.switchboard.api.session.ClientSession;

/** A bound session without a stream behind it: it records what the router delivers to it. */
final class RecordingSession implements ClientSession {

    final List<Packet> delivered = new ArrayList<>();
    final List<StreamError.Condition> closedWith = new ArrayList<>();
    private final JID address;
    private final Instant since = Instant.now();
    private Presence presence;

    RecordingSession(String fullJid) {
        this.address = new JID(fullJid);
    }

    /** Makes the session available with this priority, as its initial presence would. */
    RecordingSession available(int priority) {
        Presence available = new Presence();
        available.setFrom(address);
        available.setPriority(priority);
        presence = available;
        return this;
    }

    Packet lastDelivered() {
        if (delivered.isEmpty()) {
            throw new AssertionError(address + " received nothing");
        }
        return delivered.get(delivered.size() - 1);
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
        return "192.0.2.1:1";
    }

    @Override
    public Instant since() {
        return since;
    }

    @Override
    public Presence presence() {
        return presence;
    }

    @Override
    public void presence(Presence latest) {
        presence = latest;
    }

    @Override
    public void deliver(Packet packet) {
        delivered.add(packet.createCopy());
    }

    @Override
    public void close(StreamError.Condition condition) {
        closedWith.add(condition);
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
