package io.switchboard.bind.impl;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaHandler;
import io.switchboard.api.stream.Negotiation;
import io.switchboard.api.stream.StreamFeature;

/**
 * The RFC 3921 {@code <session/>} step, long obsolete but still sent by some clients (older
 * Strophe.js among them). Advertised as optional and answered with an empty result, before or
 * after binding.
 */
@Component(service = {StreamFeature.class, StanzaHandler.class}, property = {
        StreamFeature.NAMESPACE + "=" + SessionEstablishment.NS,
        StreamFeature.STAGE + "=" + StreamFeature.STAGE_POST_AUTH,
        StanzaHandler.ELEMENT + "=iq",
        StanzaHandler.NAMESPACE + "=" + SessionEstablishment.NS})
public class SessionEstablishment implements StreamFeature, StanzaHandler {

    static final String NS = "urn:ietf:params:xml:ns:xmpp-session";

    private final Router router;

    @Activate
    public SessionEstablishment(@Reference Router router) {
        this.router = router;
    }

    @Override
    public Element advertise(Negotiation stream) {
        Element session = DocumentHelper.createElement(QName.get("session", NS));
        session.addElement("optional");
        return session;
    }

    @Override
    public void process(Element element, Negotiation stream) {
        IQ request = new IQ(element, true);
        stream.send(IQ.createResultIQ(request).getElement());
    }

    @Override
    public void handle(Packet packet) {
        router.route(IQ.createResultIQ((IQ) packet));
    }
}
