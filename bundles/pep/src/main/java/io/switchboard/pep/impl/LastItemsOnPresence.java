package io.switchboard.pep.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.api.presence.PresenceListener;
import io.switchboard.api.session.ClientSession;

/** Sends a resource that comes online the last PEP items it asks for (XEP-0163 section 4.3.2). */
@Component
public final class LastItemsOnPresence implements PresenceListener {

    private final PepService pep;

    @Activate
    public LastItemsOnPresence(@Reference PepService pep) {
        this.pep = pep;
    }

    @Override
    public void available(ClientSession session, boolean first) {
        pep.cameOnline(session);
    }
}
