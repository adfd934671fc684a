package io.switchboard.core.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/** A Tinder component that records its life cycle and the stanzas it receives. */
final class RecordingComponent implements Component {

    final List<Packet> received = new ArrayList<>();
    JID address;
    ComponentManager manager;
    boolean started;
    boolean shutDown;
    private Consumer<Packet> onPacket = packet -> { };

    /** What to do with each stanza after recording it. */
    RecordingComponent onPacket(Consumer<Packet> action) {
        onPacket = action;
        return this;
    }

    /** Sends a stanza through the component's manager, as a component does. */
    void send(Packet packet) {
        try {
            manager.sendPacket(this, packet);
        } catch (ComponentException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String getName() {
        return "Recording component";
    }

    @Override
    public String getDescription() {
        return "records what it receives";
    }

    @Override
    public void processPacket(Packet packet) {
        received.add(packet);
        onPacket.accept(packet);
    }

    @Override
    public void initialize(JID jid, ComponentManager componentManager) {
        this.address = jid;
        this.manager = componentManager;
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void shutdown() {
        shutDown = true;
    }
}
