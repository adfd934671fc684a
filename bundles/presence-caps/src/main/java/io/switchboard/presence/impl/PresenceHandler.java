package io.switchboard.presence.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import io.switchboard.api.presence.PresenceListener;
import io.switchboard.api.routing.StanzaHandler;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionListener;
import io.switchboard.api.session.SessionRegistry;

/**
 * Broadcast presence (RFC 6121 section 4): the session's presence is recorded, with any XEP-0115
 * caps it carries, and sent to all of the user's available resources, the sender included. When a
 * session ends for any reason while available, its other resources get its unavailable presence.
 * {@link PresenceListener}s hear of every resource that becomes available or goes away.
 */
@Component(service = {StanzaHandler.class, SessionListener.class}, property = {
        StanzaHandler.ELEMENT + "=presence",
        StanzaHandler.DISCO_FEATURE + "=" + PresenceHandler.CAPS})
public class PresenceHandler implements StanzaHandler, SessionListener {

    static final String CAPS = "http://jabber.org/protocol/caps";
    private static final Logger LOG = LoggerFactory.getLogger(PresenceHandler.class);

    private final SessionRegistry sessions;
    private final List<PresenceListener> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public PresenceHandler(@Reference SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(PresenceListener listener) {
        listeners.add(listener);
    }

    void removeListener(PresenceListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void handle(Packet packet) {
        Presence presence = (Presence) packet;
        if (presence.getElement().attributeValue("to") != null) {
            return; // presence to the server itself means nothing yet
        }
        Presence.Type type = presence.getType();
        if (type != null && type != Presence.Type.unavailable) {
            return; // subscription management without a 'to' is meaningless
        }
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
        broadcast(presence, presence.getFrom());
        if (presence.isAvailable() && !wasAvailable) {
            tell(listener -> listener.available(session, !othersAvailable));
        } else if (!presence.isAvailable() && wasAvailable) {
            tell(listener -> listener.unavailable(session, !othersAvailable));
        }
    }

    @Override
    public void sessionEnded(ClientSession session) {
        if (session.isAvailable()) {
            Presence unavailable = new Presence(Presence.Type.unavailable);
            unavailable.setFrom(session.address());
            session.presence(unavailable);
            broadcast(unavailable, session.address());
            boolean last = !othersAvailable(session);
            tell(listener -> listener.unavailable(session, last));
        }
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

    /** Sends the presence to each available resource of the user. */
    private void broadcast(Presence presence, JID from) {
        for (ClientSession resource : sessions.sessions(from)) {
            if (resource.isAvailable() || resource.address().equals(from)) {
                Presence copy = presence.createCopy();
                copy.setTo(resource.address());
                resource.deliver(copy);
            }
        }
    }
}
