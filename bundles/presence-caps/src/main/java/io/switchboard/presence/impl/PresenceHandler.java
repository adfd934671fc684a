package io.switchboard.presence.impl;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import io.switchboard.api.auth.AuthProvider;
import io.switchboard.api.presence.PresenceListener;
import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.store.RosterStoreException;
import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionListener;
import io.switchboard.api.session.SessionRegistry;

/**
 * Presence (RFC 6121 section 4) for every presence stanza a client sends and every one addressed
 * to a user of this server. Broadcast presence is recorded, with any XEP-0115 caps it carries,
 * and sent to the user's available resources and to the contacts subscribed to the user; initial
 * presence also brings the current presence of the contacts the user is subscribed to (the probe,
 * answered locally) and any subscription requests that waited. Directed presence goes to its
 * recipient, who also hears when the sender goes away. When a session ends for any reason while
 * available, everyone who saw it gets its unavailable presence. Subscription stanzas go through
 * the {@link SubscriptionHandshake}. {@link PresenceListener}s hear of every resource that becomes
 * available or goes away.
 */
@Component(service = {StanzaHandler.class, SessionListener.class}, property = {
        StanzaHandler.ELEMENT + "=presence",
        StanzaHandler.DISCO_FEATURE + "=" + PresenceHandler.CAPS})
public class PresenceHandler implements StanzaHandler, SessionListener {

    static final String CAPS = "http://jabber.org/protocol/caps";
    private static final Logger LOG = LoggerFactory.getLogger(PresenceHandler.class);

    private final SessionRegistry sessions;
    private final String domain;
    private final PresenceDelivery delivery;
    private final List<PresenceListener> listeners = new CopyOnWriteArrayList<>();
    /** Who received directed presence from an available resource, by that resource (RFC 6121 4.6). */
    private final Map<JID, Set<JID>> directed = new ConcurrentHashMap<>();
    private volatile RosterBook rosters;
    private volatile AuthProvider users;

    @Activate
    public PresenceHandler(@Reference SessionRegistry sessions, @Reference Router router) {
        this.sessions = sessions;
        this.domain = router.domain();
        this.delivery = new PresenceDelivery(sessions);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(PresenceListener listener) {
        listeners.add(listener);
    }

    void removeListener(PresenceListener listener) {
        listeners.remove(listener);
    }

    /** Without rosters, presence still reaches the user's own resources and directed recipients. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setRosters(RosterBook rosters) {
        this.rosters = rosters;
    }

    void unsetRosters(RosterBook rosters) {
        if (this.rosters == rosters) {
            this.rosters = null;
        }
    }

    /** The highest-ranked provider says which users exist; without one, every address may. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setUsers(AuthProvider users) {
        this.users = users;
    }

    void unsetUsers(AuthProvider users) {
        if (this.users == users) {
            this.users = null;
        }
    }

    @Override
    public void handle(Packet packet) throws StanzaErrorException {
        Presence presence = (Presence) packet;
        Presence.Type type;
        try {
            type = presence.getType();
        } catch (IllegalArgumentException e) {
            throw new StanzaErrorException(PacketError.Condition.bad_request, "unknown presence type");
        }
        String to = presence.getElement().attributeValue("to");
        if (to == null) {
            if (type == null || type == Presence.Type.unavailable) {
                broadcast(presence);
            } // subscription management and probes without a 'to' mean nothing
            return;
        }
        JID recipient = new JID(to); // the router checked it
        JID sender = presence.getFrom();
        if (recipient.getNode() == null || sender == null) {
            return; // presence to the server itself means nothing
        }
        boolean fromLocalUser = domain.equals(sender.getDomain()) && sender.getNode() != null;
        if (PresenceDelivery.isSubscription(presence)) {
            subscription(presence, sender, recipient, fromLocalUser);
        } else if (type == Presence.Type.probe) {
            return; // RFC 6121 4.3: probes are the server's business; a client's is dropped
        } else if (type == Presence.Type.error) {
            delivery.deliver(presence, recipient);
        } else {
            if (fromLocalUser) {
                rememberDirected(presence, sender, recipient);
            }
            delivery.deliver(presence, recipient);
        }
    }

    private void subscription(Presence presence, JID sender, JID recipient, boolean fromLocalUser) throws StanzaErrorException {
        RosterBook book = rosters;
        if (book == null) {
            LOG.warn("No roster store: {} from {} to {} dropped", presence.getType(), sender, recipient);
            return;
        }
        SubscriptionHandshake handshake = new SubscriptionHandshake(book, delivery, this::exists);
        Presence stamped = presence.createCopy();
        stamped.setFrom(sender.asBareJID()); // RFC 6121 3.1.2: subscription stanzas come from bare JIDs
        try {
            if (fromLocalUser) {
                handshake.outbound(stamped, sender.asBareJID(), recipient.asBareJID());
            } else {
                handshake.inbound(stamped, sender.asBareJID(), recipient.asBareJID());
            }
        } catch (RosterStoreException e) {
            LOG.error("{} from {} to {} not processed: {}", presence.getType(), sender, recipient, e.getMessage());
            throw new StanzaErrorException(PacketError.Condition.internal_server_error, "the roster could not be stored");
        }
    }

    private boolean exists(JID user) {
        AuthProvider provider = users;
        return provider == null || !domain.equals(user.getDomain()) || provider.exists(user.getNode());
    }

    /** RFC 6121 4.6.2: an available resource's directed presence to someone who does not otherwise see it. */
    private void rememberDirected(Presence presence, JID sender, JID recipient) {
        ClientSession session = sessions.session(sender).orElse(null);
        if (session == null) {
            return;
        }
        if (presence.isAvailable() && session.isAvailable() && !contactSeesUser(sender, recipient)) {
            directed.computeIfAbsent(sender, resource -> ConcurrentHashMap.newKeySet()).add(recipient);
        } else if (!presence.isAvailable()) {
            directed.computeIfPresent(sender, (resource, recipients) -> {
                recipients.remove(recipient);
                return recipients.isEmpty() ? null : recipients;
            });
        }
    }

    private void broadcast(Presence presence) {
        ClientSession session = sessions.session(presence.getFrom()).orElse(null);
        if (session == null) {
            return;
        }
        boolean wasAvailable = session.isAvailable();
        boolean othersAvailable = othersAvailable(session);
        session.presence(presence);
        Element caps = presence.getChildElement("c", CAPS);
        if (caps != null) {
            LOG.debug("{} has caps node={} ver={} hash={}", presence.getFrom(), caps.attributeValue("node"),
                    caps.attributeValue("ver"), caps.attributeValue("hash"));
        }
        broadcast(presence, session, !presence.isAvailable());
        if (presence.isAvailable() && !wasAvailable) {
            probeContacts(session);
            tell(listener -> listener.available(session, !othersAvailable));
        } else if (presence.isAvailable()) {
            tell(listener -> listener.changed(session));
        } else if (wasAvailable) {
            tell(listener -> listener.unavailable(session, !othersAvailable));
        }
    }

    @Override
    public void sessionEnded(ClientSession session) {
        if (session.isAvailable()) {
            Presence unavailable = new Presence(Presence.Type.unavailable);
            unavailable.setFrom(session.address());
            session.presence(unavailable);
            broadcast(unavailable, session, true);
            boolean last = !othersAvailable(session);
            tell(listener -> listener.unavailable(session, last));
        }
        directed.remove(session.address());
    }

    /**
     * Sends the presence to each of the user's available resources (the sender included), to the
     * contacts subscribed to the user's presence, and, when the resource goes away, to those it
     * sent directed presence to.
     */
    private void broadcast(Presence presence, ClientSession from, boolean goingAway) {
        JID sender = from.address();
        for (ClientSession resource : sessions.sessions(sender)) {
            if (resource.isAvailable() || resource == from) {
                Presence copy = presence.createCopy();
                copy.setTo(resource.address());
                resource.deliver(copy);
            }
        }
        for (RosterItem contact : contacts(sender)) {
            if (contact.subscription().contactSeesUser()) {
                delivery.deliver(presence, contact.contact());
            }
        }
        if (goingAway) {
            Set<JID> recipients = directed.remove(sender);
            if (recipients != null) {
                recipients.forEach(recipient -> delivery.deliver(presence, recipient));
            }
        }
    }

    /** Initial presence: the current presence of every contact the user is subscribed to, and waiting requests. */
    private void probeContacts(ClientSession session) {
        JID user = session.address();
        for (RosterItem contact : contacts(user)) {
            if (contact.subscription().userSeesContact()) {
                delivery.sendPresenceOf(contact.contact(), user);
            }
        }
        RosterBook book = rosters;
        if (book != null) {
            for (JID requester : pendingIn(book, user)) {
                Presence request = new Presence(Presence.Type.subscribe);
                request.setFrom(requester);
                request.setTo(user);
                session.deliver(request);
            }
        }
    }

    private List<RosterItem> contacts(JID user) {
        RosterBook book = rosters;
        if (book == null) {
            return List.of();
        }
        try {
            return book.roster(user).items();
        } catch (RosterStoreException e) {
            LOG.warn("Presence of {} reaches only its own resources: {}", user, e.getMessage());
            return List.of();
        }
    }

    private static Set<JID> pendingIn(RosterBook book, JID user) {
        try {
            return book.roster(user).pendingIn();
        } catch (RosterStoreException e) {
            return Set.of(); // logged by contacts() a moment ago
        }
    }

    private boolean contactSeesUser(JID user, JID contact) {
        RosterBook book = rosters;
        return book != null && book.item(user, contact).map(item -> item.subscription().contactSeesUser()).orElse(false);
    }

    private boolean othersAvailable(ClientSession session) {
        return sessions.sessions(session.address()).stream()
                .anyMatch(other -> other != session && other.isAvailable());
    }

    private void tell(Consumer<PresenceListener> event) {
        for (PresenceListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("Presence listener {} failed", listener, e);
            }
        }
    }
}
