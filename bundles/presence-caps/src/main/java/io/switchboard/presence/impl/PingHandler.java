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

/** XEP-0199: answers a client's ping to the server at once (desktops ping every 10 s). */
@Component(property = {
        StanzaHandler.ELEMENT + "=iq",
        StanzaHandler.NAMESPACE + "=" + PingHandler.NS,
        StanzaHandler.DISCO_FEATURE + "=" + PingHandler.NS})
public class PingHandler implements StanzaHandler {

    static final String NS = "urn:xmpp:ping";

    private final Router router;

    @Activate
    public PingHandler(@Reference Router router) {
        this.router = router;
    }

    @Override
    public void handle(Packet packet) throws StanzaErrorException {
        IQ ping = (IQ) packet;
        if (ping.getType() != IQ.Type.get) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "a ping is an iq of type get");
        }
        router.route(IQ.createResultIQ(ping));
    }
}
