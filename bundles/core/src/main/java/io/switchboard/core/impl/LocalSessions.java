package io.switchboard.core.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.cluster.RemoteSessions;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionListener;
import io.switchboard.api.session.SessionRegistry;

/**
 * The bound sessions, indexed by user. Also registered under its own class so the pipeline in this
 * bundle can bind and unbind; other bundles only see {@link SessionRegistry}. In a cluster, what it
 * answers includes the other members' sessions ({@link RemoteSessions}): whoever delivers to a user
 * reaches every session of that user, on whichever member.
 */
@Component(service = {SessionRegistry.class, LocalSessions.class})
public class LocalSessions implements SessionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSessions.class);
    private static final String LISTENERS = "listeners";

    /** bare JID → resource → session */
    private final Map<JID, Map<String, ClientSession>> byUser = new ConcurrentHashMap<>();

    private final ComponentContext context;
    private final List<ServiceReference<SessionListener>> listeners = new CopyOnWriteArrayList<>();

    /*
     * The other members' sessions while this server is a member of a cluster: bound by reference and
     * fetched at first use, as the listeners are (the directory needs this registry itself).
     */
    private static final String REMOTE = "remote";
    private volatile ServiceReference<RemoteSessions> remoteReference;
    private volatile RemoteSessions remoteSessions;

    @Activate
    public LocalSessions(ComponentContext context) {
        this.context = context;
    }

    /* Bound by reference and fetched when used: listeners usually need this registry themselves. */
    @Reference(name = LISTENERS, service = SessionListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addListener(ServiceReference<SessionListener> listener) {
        listeners.add(listener);
    }

    void removeListener(ServiceReference<SessionListener> listener) {
        listeners.remove(listener);
    }

    @Reference(name = REMOTE, service = RemoteSessions.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRemote(ServiceReference<RemoteSessions> reference) {
        remoteSessions = null;
        remoteReference = reference;
    }

    void unbindRemote(ServiceReference<RemoteSessions> reference) {
        if (reference.equals(remoteReference)) {
            remoteReference = null;
            remoteSessions = null;
        }
    }

    /** The other members' sessions, or null on a single node. */
    private RemoteSessions remote() {
        RemoteSessions found = remoteSessions;
        ServiceReference<RemoteSessions> reference = remoteReference;
        if (found == null && reference != null) {
            found = context.locateService(REMOTE, reference);
            remoteSessions = found;
        }
        return found;
    }

    private void notifyListeners(ClientSession session, boolean bound) {
        for (ServiceReference<SessionListener> reference : listeners) {
            SessionListener listener = context.locateService(LISTENERS, reference);
            if (listener == null) {
                continue;
            }
            try {
                if (bound) {
                    listener.sessionBound(session);
                } else {
                    listener.sessionEnded(session);
                }
            } catch (RuntimeException e) {
                LOG.warn("Session listener {} failed for {}", listener, session.address(), e);
            }
        }
    }

    /** Binds a session; a session already bound to the same full JID is ended with {@code conflict}. */
    void bind(ClientSession session) {
        JID address = session.address();
        ClientSession[] displaced = new ClientSession[1];
        // compute() keeps bind and unbind of one user atomic against each other
        byUser.compute(address.asBareJID(), (user, resources) -> {
            Map<String, ClientSession> map = resources == null ? new ConcurrentHashMap<>() : resources;
            displaced[0] = map.put(address.getResource(), session);
            return map;
        });
        if (displaced[0] != null && displaced[0] != session) {
            displaced[0].close(StreamError.Condition.conflict);
            // its own unbind finds the new session in its place and tells nobody, so tell them here
            notifyListeners(displaced[0], false);
        }
        notifyListeners(session, true);
    }

    /** Removes a session that ended; tells the listeners once. */
    void unbind(ClientSession session) {
        JID address = session.address();
        boolean[] removed = new boolean[1];
        byUser.computeIfPresent(address.asBareJID(), (user, resources) -> {
            removed[0] = resources.remove(address.getResource(), session);
            return resources.isEmpty() ? null : resources;
        });
        if (!removed[0]) {
            return;
        }
        notifyListeners(session, false);
    }

    @Override
    public Optional<ClientSession> session(JID fullJid) {
        if (fullJid.getResource() == null) {
            return Optional.empty();
        }
        Map<String, ClientSession> resources = byUser.get(fullJid.asBareJID());
        ClientSession local = resources == null ? null : resources.get(fullJid.getResource());
        RemoteSessions others = remote();
        return local != null || others == null ? Optional.ofNullable(local) : others.session(fullJid);
    }

    @Override
    public Collection<ClientSession> sessions(JID user) {
        Map<String, ClientSession> resources = byUser.get(user.asBareJID());
        Collection<ClientSession> local = resources == null ? List.of() : List.copyOf(resources.values());
        RemoteSessions others = remote();
        if (others == null) {
            return local;
        }
        Collection<ClientSession> elsewhere = others.sessions(user);
        if (elsewhere.isEmpty()) {
            return local;
        }
        List<ClientSession> all = new ArrayList<>(local);
        all.addAll(elsewhere);
        return all;
    }

    @Override
    public Collection<ClientSession> all() {
        List<ClientSession> all = new ArrayList<>();
        byUser.values().forEach(resources -> all.addAll(resources.values()));
        RemoteSessions others = remote();
        if (others != null) {
            all.addAll(others.all());
        }
        return all;
    }
}
