package io.switchboard.pep.impl;

import java.util.List;
import java.util.Map;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;

/**
 * XEP-0030 disco#info of an account's bare JID, answered by the server on the account's behalf
 * (XEP-0163 section 6.1): the account and its PEP service, for the account itself and for the
 * contacts that receive its presence; a PEP node's info for those who may read it.
 */
@Component(property = {StanzaHandler.ELEMENT + "=iq", StanzaHandler.NAMESPACE + "=" + Namespaces.DISCO_INFO,
        PepHandler.FOR_ACCOUNTS})
public final class AccountDisco implements StanzaHandler {

    private final Router router;
    private final PepService pep;
    /** PEP's features, as its pubsub handler advertises them to the server's disco#info. */
    private final List<String> features;

    @Activate
    public AccountDisco(@Reference Router router, @Reference PepService pep,
            @Reference(service = StanzaHandler.class, target = "(&(" + PepHandler.FOR_ACCOUNTS + ")(" + StanzaHandler.NAMESPACE
                    + "=" + Namespaces.PUBSUB + "))") Map<String, Object> pubsubHandler) {
        this.router = router;
        this.pep = pep;
        this.features = List.of((String[]) pubsubHandler.get(StanzaHandler.DISCO_FEATURE));
    }

    @Override
    public void handle(Packet packet) throws StanzaErrorException {
        IQ request = (IQ) packet;
        if (request.getType() != IQ.Type.get) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "disco#info is queried with get");
        }
        JID owner = PepHandler.owner(request, pep.domain());
        JID asker = request.getFrom().asBareJID();
        String nodeName = request.getChildElement().attributeValue("node");
        IQ result = IQ.createResultIQ(request);
        result.setFrom(owner);
        Element query = result.setChildElement("query", Namespaces.DISCO_INFO);
        if (nodeName != null) {
            PepNode node = pep.nodes().get(owner, nodeName);
            if (node == null || !pep.access().mayRead(asker, node)) {
                throw new StanzaErrorException(PacketError.Condition.item_not_found);
            }
            query.addAttribute("node", nodeName);
            query.addElement("identity").addAttribute("category", "pubsub").addAttribute("type", "leaf");
            query.addElement("feature").addAttribute("var", Namespaces.PUBSUB);
        } else {
            if (!asker.equals(owner) && !pep.access().seesOwner(asker, owner)) {
                throw new StanzaErrorException(PacketError.Condition.service_unavailable); // RFC 6121: nothing for strangers
            }
            query.addElement("identity").addAttribute("category", "account").addAttribute("type", "registered");
            query.addElement("identity").addAttribute("category", "pubsub").addAttribute("type", "pep");
            query.addElement("feature").addAttribute("var", Namespaces.DISCO_INFO);
            features.forEach(feature -> query.addElement("feature").addAttribute("var", feature));
        }
        router.route(result);
    }
}
