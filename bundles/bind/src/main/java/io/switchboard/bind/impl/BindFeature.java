package io.switchboard.bind.impl;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.StreamError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.session.SessionRegistry;
import io.switchboard.api.stream.Negotiation;
import io.switchboard.api.stream.StreamFeature;

/**
 * Binds the resource the client asks for, or one the server makes up. A second login with the
 * same full JID replaces the first, which gets a {@code conflict} stream error (what Finesse
 * desktops expect when an agent signs in again).
 */
@Component(property = {
        StreamFeature.NAMESPACE + "=" + BindFeature.NS,
        StreamFeature.STAGE + "=" + StreamFeature.STAGE_POST_AUTH,
        "service.ranking:Integer=100"})
public class BindFeature implements StreamFeature {

    static final String NS = "urn:ietf:params:xml:ns:xmpp-bind";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionRegistry sessions;

    @Activate
    public BindFeature(@Reference SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public Element advertise(Negotiation stream) {
        return DocumentHelper.createElement(QName.get("bind", NS));
    }

    @Override
    public void process(Element element, Negotiation stream) {
        IQ request = new IQ(element, true);
        if (request.getID() == null || request.getType() != IQ.Type.set) {
            stream.send(error(request, PacketError.Condition.bad_request, "bind with an iq of type set"));
            return;
        }
        String asked = request.getChildElement().elementTextTrim("resource");
        String resource;
        if (asked == null || asked.isEmpty()) {
            resource = "sb-" + HexFormat.of().formatHex(randomBytes());
        } else {
            try {
                resource = JID.resourceprep(asked);
            } catch (IllegalArgumentException e) {
                stream.send(error(request, PacketError.Condition.bad_request, "the resource is not valid"));
                return;
            }
        }
        JID address = new JID(stream.username(), stream.domain(), resource);
        sessions.session(address).ifPresent(previous -> previous.close(StreamError.Condition.conflict));
        stream.bind(address);

        IQ result = new IQ(IQ.Type.result, request.getID());
        result.setChildElement("bind", NS).addElement("jid").setText(address.toString());
        stream.send(result.getElement());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static Element error(IQ request, PacketError.Condition condition, String text) {
        return new StanzaErrorException(condition, text).replyTo(request).getElement();
    }
}
