package io.switchboard.presence.impl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.RosterItem.Subscription;
import io.switchboard.api.roster.store.RosterStoreException;
import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;

/**
 * Roster management (RFC 6121 section 2): get, with versioning (XEP-0237: an unchanged roster is
 * answered with an empty result); set, which adds or updates one item; and remove, which also
 * cancels the subscriptions in both directions. Subscription states change only through presence
 * (see {@link SubscriptionHandshake}); a client never sets them.
 */
@Component(property = {
        StanzaHandler.ELEMENT + "=iq",
        StanzaHandler.NAMESPACE + "=" + RosterBook.NS})
public class RosterHandler implements StanzaHandler {

    private final Router router;
    private final RosterBook rosters;

    @Activate
    public RosterHandler(@Reference Router router, @Reference RosterBook rosters) {
        this.router = router;
        this.rosters = rosters;
    }

    @Override
    public void handle(Packet packet) throws StanzaErrorException {
        IQ request = (IQ) packet;
        JID user = request.getFrom();
        String to = request.getElement().attributeValue("to");
        if (to != null && !new JID(to).equals(user.asBareJID())) {
            throw new StanzaErrorException(PacketError.Condition.forbidden, "a roster is managed only by its own user");
        }
        try {
            if (request.getType() == IQ.Type.get) {
                get(request, user);
            } else if (request.getType() == IQ.Type.set) {
                set(request, user);
            } else {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "a roster request is a get or a set");
            }
        } catch (RosterStoreException e) {
            throw new StanzaErrorException(PacketError.Condition.internal_server_error, "the roster cannot be read now");
        }
    }

    /** Answered under the roster's lock: pushes of later changes follow the answer, none is lost or overtakes it. */
    private void get(IQ request, JID user) {
        RosterBook.UserRoster roster = rosters.roster(user);
        String known = request.getChildElement().attributeValue("ver");
        IQ result = IQ.createResultIQ(request);
        synchronized (roster) {
            String version = Long.toString(roster.version());
            if (!version.equals(known)) {
                Element query = result.setChildElement("query", RosterBook.NS);
                if (known != null) {
                    query.addAttribute("ver", version);
                }
                roster.items().forEach(item -> RosterBook.toXml(query, item, false));
            } // else the client's copy is current: an empty result, and pushes from here on
            rosters.interested(user);
            router.route(result);
        }
    }

    private void set(IQ request, JID user) throws StanzaErrorException {
        List<Element> elements = request.getChildElement().elements("item");
        if (elements.size() != 1 || request.getChildElement().elements().size() != 1) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "a roster set carries exactly one item");
        }
        Element element = elements.get(0);
        JID contact = contact(element);
        String subscription = element.attributeValue("subscription");
        if ("remove".equals(subscription)) {
            remove(user, contact);
        } else if (subscription != null && !"none".equals(subscription)) {
            // RFC 6121 2.1.2.5: a client may send 'remove', nothing else that changes a state
            throw new StanzaErrorException(PacketError.Condition.bad_request, "subscription='" + subscription
                    + "' cannot be set; subscriptions change through presence");
        } else {
            String name = element.attributeValue("name");
            Set<String> groups = groups(element);
            int maxTextLength = rosters.maxTextLength();
            if (name != null && name.length() > maxTextLength) {
                throw new StanzaErrorException(PacketError.Condition.not_acceptable, "the name is longer than " + maxTextLength);
            }
            rosters.change(user, contact, current -> current == null
                    ? new RosterItem(contact, name, Subscription.NONE, false, groups)
                    : new RosterItem(contact, name, current.subscription(), current.askOut(), groups));
        }
        router.route(IQ.createResultIQ(request));
    }

    /** RFC 6121 2.5.2: removing a contact also ends the subscriptions both ways. */
    private void remove(JID user, JID contact) throws StanzaErrorException {
        RosterBook.Change removed = rosters.change(user, contact, current -> null);
        if (removed == null) {
            throw new StanzaErrorException(PacketError.Condition.item_not_found, contact.toBareJID() + " is not in the roster");
        }
        Subscription was = removed.item().subscription();
        if (was.contactSeesUser()) {
            router.route(subscription(user, contact, Presence.Type.unsubscribed));
        }
        if (was.userSeesContact() || removed.item().askOut()) {
            router.route(subscription(user, contact, Presence.Type.unsubscribe));
        }
    }

    private static Presence subscription(JID user, JID contact, Presence.Type type) {
        Presence presence = new Presence(type);
        presence.setFrom(user.asBareJID());
        presence.setTo(contact);
        return presence;
    }

    private static JID contact(Element item) throws StanzaErrorException {
        String jid = item.attributeValue("jid");
        if (jid == null) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "the item has no jid");
        }
        try {
            JID contact = new JID(jid);
            if (contact.getResource() != null) {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "a roster item's jid is a bare JID");
            }
            return contact;
        } catch (IllegalArgumentException e) {
            throw new StanzaErrorException(PacketError.Condition.jid_malformed, "the item's jid is not a valid JID");
        }
    }

    private Set<String> groups(Element item) throws StanzaErrorException {
        int maxTextLength = rosters.maxTextLength();
        Set<String> groups = new HashSet<>();
        for (Element group : item.elements("group")) {
            String name = group.getText();
            if (name.isEmpty() || name.length() > maxTextLength) {
                throw new StanzaErrorException(PacketError.Condition.not_acceptable, "a group name is empty or longer than " + maxTextLength);
            }
            if (!groups.add(name)) {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "the group " + name + " is named twice");
            }
        }
        return groups;
    }
}
