package io.switchboard.pep.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;

/**
 * Hands pubsub IQs addressed to an account (its bare JID, or no {@code to}: the sender's own) to
 * that account's PEP service. Registered once per namespace: pubsub and pubsub#owner.
 */
public final class PepHandler {

    /** The core's handler property for IQs answered on an account's behalf (DefaultRouter.ADDRESSED). */
    static final String FOR_ACCOUNTS = "switchboard.stanza.to=account";

    private PepHandler() {
    }

    /** The account a request is for: {@code service-unavailable} for one not of this server or not from a user. */
    static JID owner(IQ request, String domain) throws StanzaErrorException {
        JID from = request.getFrom();
        JID owner = request.getTo() == null ? (from == null ? null : from.asBareJID()) : request.getTo().asBareJID();
        if (owner == null || owner.getNode() == null || !domain.equals(owner.getDomain()) || from == null || from.getNode() == null) {
            throw new StanzaErrorException(PacketError.Condition.service_unavailable);
        }
        return owner;
    }

    private static final String FEATURE = StanzaHandler.DISCO_FEATURE + "=" + Namespaces.PUBSUB;

    /**
     * What PEP does, as XEP-0060 section 10 names it, in every account's disco#info and, as ejabberd
     * does, in the server's (where Smack's OMEMO and OpenPGP look). auto-subscribe and
     * filtered-notifications are XEP-0163's: contacts are subscribed by their presence subscription,
     * and told only of the nodes their caps ask for.
     */
    @Component(property = {StanzaHandler.ELEMENT + "=iq", StanzaHandler.NAMESPACE + "=" + Namespaces.PUBSUB, FOR_ACCOUNTS,
            FEATURE,
            FEATURE + "#access-open",
            FEATURE + "#access-presence",
            FEATURE + "#access-whitelist",
            FEATURE + "#auto-create",
            FEATURE + "#auto-subscribe",
            FEATURE + "#config-node",
            FEATURE + "#create-and-configure",
            FEATURE + "#create-nodes",
            FEATURE + "#delete-nodes",
            FEATURE + "#filtered-notifications",
            FEATURE + "#item-ids",
            FEATURE + "#last-published",
            FEATURE + "#persistent-items",
            FEATURE + "#publish",
            FEATURE + "#publish-options",
            FEATURE + "#purge-nodes",
            FEATURE + "#retract-items",
            FEATURE + "#retrieve-items"})
    public static final class Entity implements StanzaHandler {
        private final PepService pep;

        @Activate
        public Entity(@Reference PepService pep) {
            this.pep = pep;
        }

        @Override
        public void handle(Packet packet) throws StanzaErrorException {
            IQ request = (IQ) packet;
            pep.handle(request, owner(request, pep.domain()));
        }
    }

    @Component(property = {StanzaHandler.ELEMENT + "=iq", StanzaHandler.NAMESPACE + "=" + Namespaces.OWNER, FOR_ACCOUNTS})
    public static final class Owner implements StanzaHandler {
        private final PepService pep;

        @Activate
        public Owner(@Reference PepService pep) {
            this.pep = pep;
        }

        @Override
        public void handle(Packet packet) throws StanzaErrorException {
            IQ request = (IQ) packet;
            pep.handle(request, owner(request, pep.domain()));
        }
    }
}
