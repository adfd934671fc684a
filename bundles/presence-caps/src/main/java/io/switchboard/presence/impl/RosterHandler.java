package io.switchboard.presence.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;

/**
 * Roster retrieval (RFC 6121 2.1.3). Rosters are not stored yet, so every roster is empty and
 * changes are refused with {@code feature-not-implemented} rather than silently dropped.
 */
@Component(property = {
        StanzaHandler.ELEMENT + "=iq",
        StanzaHandler.NAMESPACE + "=" + RosterHandler.NS})
public class RosterHandler implements StanzaHandler {

    static final String NS = "jabber:iq:roster";

    private final Router router;

    @Activate
    public RosterHandler(@Reference Router router) {
        this.router = router;
    }

    @Override
    public void handle(Packet packet) throws StanzaErrorException {
        IQ request = (IQ) packet;
        if (request.getType() != IQ.Type.get) {
            throw new StanzaErrorException(PacketError.Condition.feature_not_implemented, "rosters cannot be changed yet");
        }
        IQ result = IQ.createResultIQ(request);
        result.setChildElement("query", NS);
        router.route(result);
    }
}
