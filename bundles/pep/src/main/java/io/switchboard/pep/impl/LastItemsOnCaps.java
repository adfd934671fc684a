package io.switchboard.pep.impl;

import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xmpp.packet.JID;

import io.switchboard.api.presence.CapabilitiesListener;
import io.switchboard.api.presence.PresenceListener;
import io.switchboard.api.session.ClientSession;

/** Tells the PEP service when a resource's caps verify and when it goes away (see {@link LastItems}). */
@Component
public final class LastItemsOnCaps implements CapabilitiesListener, PresenceListener {

    private final PepService pep;

    @Activate
    public LastItemsOnCaps(@Reference PepService pep) {
        this.pep = pep;
    }

    @Override
    public void verified(JID session, Set<String> features) {
        pep.lastItems().capsVerified(session, features);
    }

    @Override
    public void unavailable(ClientSession session, boolean last) {
        pep.lastItems().wentAway(session.address());
    }
}
