package io.switchboard.finesse.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

import io.switchboard.api.presence.PresenceListener;
import io.switchboard.api.routing.Router;
import io.switchboard.api.session.ClientSession;

/**
 * Answers each session's initial presence with an available presence from
 * {@code finesse@<domain>}: the signal a Finesse desktop waits for before it calls itself
 * connected (docs/finesse-compat.md).
 */
@Component(configurationPid = "io.switchboard.finesse.gate")
@Designate(ocd = FinesseGateConfiguration.class)
public class FinesseGate implements PresenceListener {

    private final Router router;
    private final String from;

    @Activate
    public FinesseGate(@Reference Router router, FinesseGateConfiguration config) {
        this.router = router;
        this.from = config.from();
    }

    @Override
    public void available(ClientSession session, boolean first) {
        Presence finesse = new Presence();
        finesse.setFrom(new JID(from, router.domain(), null));
        finesse.setTo(session.address());
        session.deliver(finesse);
    }
}
