package io.switchboard.pubsub.impl;

import java.util.ArrayList;
import java.util.List;

import org.xmpp.component.Component;
import org.xmpp.component.ComponentManager;
import org.xmpp.component.IQResultListener;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

/** Records what the component sends; nothing else is expected of it. */
final class RecordingComponentManager implements ComponentManager {

    final List<Packet> sent = new ArrayList<>();

    @Override
    public void sendPacket(Component component, Packet packet) {
        sent.add(packet);
    }

    @Override
    public void addComponent(String subdomain, Component component) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeComponent(String subdomain) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IQ query(Component component, IQ packet, long timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void query(Component component, IQ packet, IQResultListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getProperty(String name) {
        return null;
    }

    @Override
    public void setProperty(String name, String value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getServerName() {
        return "example.com";
    }

    @Override
    public boolean isExternalMode() {
        return false;
    }
}
