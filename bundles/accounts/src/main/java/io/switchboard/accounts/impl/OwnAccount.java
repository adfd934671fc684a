package io.switchboard.accounts.impl;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.StreamError;

import io.switchboard.api.accounts.AccountStoreException;
import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionRegistry;

/**
 * XEP-0077 once logged in: a user asks whether it is registered, changes its own password (3.3,
 * on unless configured off) or removes its own account (3.2, off unless configured on), which
 * ends its sessions.
 */
@Component(configurationPid = InBandRegistration.PID, property = {
        StanzaHandler.ELEMENT + "=iq",
        StanzaHandler.NAMESPACE + "=" + InBandRegistration.NS,
        StanzaHandler.DISCO_FEATURE + "=" + InBandRegistration.NS})
public class OwnAccount implements StanzaHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OwnAccount.class);

    private final Router router;
    private final SessionRegistry sessions;
    private final ActiveAccountStore accounts;
    private final boolean passwordChange;
    private final boolean accountRemoval;

    @Activate
    public OwnAccount(@Reference Router router, @Reference SessionRegistry sessions,
            @Reference ActiveAccountStore accounts, RegistrationConfiguration config) {
        this.router = router;
        this.sessions = sessions;
        this.accounts = accounts;
        this.passwordChange = config.passwordChange();
        this.accountRemoval = config.accountRemoval();
    }

    @Override
    public void handle(Packet packet) throws StanzaErrorException {
        IQ request = (IQ) packet;
        JID user = request.getFrom();
        if (user == null || user.getNode() == null) {
            throw new StanzaErrorException(PacketError.Condition.not_authorized);
        }
        Element query = request.getChildElement();
        if (request.getType() == IQ.Type.get) {
            IQ registered = IQ.createResultIQ(request);
            Element answer = registered.setChildElement("query", InBandRegistration.NS);
            answer.addElement("registered");
            answer.addElement("username").setText(user.getNode());
            router.route(registered);
            return;
        }
        try {
            if (query.element("remove") != null) {
                remove(request, user);
            } else if (query.element("password") != null) {
                changePassword(request, user, query);
            } else {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "expected <password/> or <remove/>");
            }
        } catch (ReadOnlyAccountsException e) {
            throw new StanzaErrorException(PacketError.Condition.not_allowed, e.getMessage());
        } catch (AccountStoreException e) {
            throw new StanzaErrorException(PacketError.Condition.internal_server_error, "the account cannot be stored now");
        }
    }

    private void changePassword(IQ request, JID user, Element query) throws StanzaErrorException, ReadOnlyAccountsException {
        if (!passwordChange) {
            throw new StanzaErrorException(PacketError.Condition.not_allowed, "password changes are turned off on this server");
        }
        String username = query.elementTextTrim("username");
        if (username != null && !username.isEmpty() && !username.equalsIgnoreCase(user.getNode())) {
            throw new StanzaErrorException(PacketError.Condition.not_authorized, "you may change only your own password");
        }
        String password = NewPasswords.check(query.elementText("password"));
        if (!accounts.writable().changePassword(user.getNode(), password)) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found, "your account is gone");
        }
        LOG.info("{} changed their password", user.toBareJID());
        router.route(IQ.createResultIQ(request));
    }

    private void remove(IQ request, JID user) throws StanzaErrorException, ReadOnlyAccountsException {
        if (!accountRemoval) {
            throw new StanzaErrorException(PacketError.Condition.not_allowed, "account removal is turned off on this server");
        }
        accounts.writable().delete(user.getNode());
        LOG.info("{} removed their account", user.toBareJID());
        router.route(IQ.createResultIQ(request)); // XEP-0077 3.2: the answer first, then the end of the streams
        for (ClientSession session : sessions.sessions(user.asBareJID())) {
            session.close(StreamError.Condition.not_authorized);
        }
    }
}
