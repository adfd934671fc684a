package io.switchboard.pep.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import io.switchboard.api.presence.EntityCapabilities;
import io.switchboard.api.roster.Rosters;
import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.session.SessionRegistry;

/**
 * Every account's PEP service (XEP-0163), wired to the services it asks (the rosters and the
 * verified caps come and go while it runs): answers what the handlers hand it, one request per
 * account at a time, and sends a resource the last items it newly asks for.
 */
@Component(service = PepService.class)
public final class PepService {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Rosters rosters;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EntityCapabilities caps;

    private final Router router;
    private final PepNodes nodes;
    private final PepAccess access = new PepAccess(() -> rosters);
    private final PepEvents events = new PepEvents();
    private final PepRequests requests;
    private final LastItems lastItems;
    /** One lock per account: a check and the change it allows are not interleaved with another. */
    private final Map<JID, Object> locks = new ConcurrentHashMap<>();

    @Activate
    public PepService(@Reference Router router, @Reference PepNodes nodes, @Reference SessionRegistry sessions) {
        this.router = router;
        this.nodes = nodes;
        this.requests = new PepRequests(nodes, access, new PepAudience(sessions, () -> caps, access), events);
        this.lastItems = new LastItems(nodes, access, events, router);
    }

    PepAccess access() {
        return access;
    }

    PepNodes nodes() {
        return nodes;
    }

    String domain() {
        return router.domain();
    }

    /** Answers a request to the owner's PEP service, from the owner's bare JID, then sends what it caused. */
    void handle(IQ request, JID owner) {
        List<Packet> then = new ArrayList<>();
        IQ answer;
        synchronized (locks.computeIfAbsent(owner, key -> new Object())) {
            try {
                answer = requests.answer(request, owner, then);
            } catch (StanzaErrorException e) {
                answer = (IQ) e.replyTo(request);
                then.clear();
            }
        }
        answer.setFrom(owner);
        router.route(answer);
        then.forEach(router::route);
    }

    LastItems lastItems() {
        return lastItems;
    }
}
