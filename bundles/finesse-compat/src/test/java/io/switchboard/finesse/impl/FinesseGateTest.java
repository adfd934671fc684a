package io.switchboard.finesse.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;


import org.junit.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

import io.switchboard.testing.RecordingRouter;
import io.switchboard.testing.RecordingSession;
import io.switchboard.testing.Configurations;

public class FinesseGateTest {

    private final RecordingSession desktop = new RecordingSession("agent1@example.com/desktop").available();

    @Test
    public void anInitialPresenceIsAnsweredWithAvailablePresenceFromFinesse() {
        new FinesseGate(new RecordingRouter("example.com"), from("finesse")).available(desktop, true);

        Presence finesse = (Presence) desktop.lastDelivered();
        assertEquals(new JID("finesse@example.com"), finesse.getFrom());
        assertEquals(desktop.address(), finesse.getTo());
        assertNull("available", finesse.getType());
    }

    @Test
    public void everyResourceGetsItsOwnAnswer() {
        RecordingSession second = new RecordingSession("agent1@example.com/phone").available();
        FinesseGate gate = new FinesseGate(new RecordingRouter("example.com"), from("finesse"));

        gate.available(desktop, true);
        gate.available(second, false);

        assertEquals(1, desktop.delivered.size());
        assertEquals(1, second.delivered.size());
    }

    @Test
    public void theSenderIsConfigurable() {
        new FinesseGate(new RecordingRouter("example.com"), from("notifications")).available(desktop, true);

        assertEquals(new JID("notifications@example.com"), desktop.lastDelivered().getFrom());
    }

    private static FinesseGateConfiguration from(String local) {
        return Configurations.of(FinesseGateConfiguration.class, "from", local);
    }
}
