package io.switchboard.presence.impl;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import io.switchboard.api.presence.CapabilitiesListener;
import io.switchboard.api.presence.EntityCapabilities;
import io.switchboard.api.presence.PresenceListener;
import io.switchboard.api.routing.Router;
import io.switchboard.api.session.ClientSession;

/**
 * XEP-0115: for each caps {@code ver} it has not seen, asks one client that sent it for its
 * disco#info, checks the hash, and keeps the features of those that verify, by hash and ver; a
 * {@code ver} that does not verify is logged and forgotten. Other bundles ask through
 * {@link EntityCapabilities} what a session supports, and are told by {@link CapabilitiesListener}
 * when a session's caps have verified (at its first presence, and when it announces new ones).
 */
@Component(service = {EntityCapabilities.class, PresenceListener.class})
public class CapsVerifier implements EntityCapabilities, PresenceListener {

    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final Logger LOG = LoggerFactory.getLogger(CapsVerifier.class);

    private final Router router;
    /** "hash ver" → features, for the verified ones. */
    private final Map<String, Set<String>> verified = new ConcurrentHashMap<>();
    /** The "hash ver" being checked now, so that one query serves every session that sent it. */
    private final Set<String> checking = ConcurrentHashMap.newKeySet();
    /** Each available session's "hash ver". */
    private final Map<JID, String> sessions = new ConcurrentHashMap<>();

    @Activate
    public CapsVerifier(@Reference Router router) {
        this.router = router;
    }

    private final List<CapabilitiesListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(CapabilitiesListener listener) {
        listeners.add(listener);
    }

    void removeListener(CapabilitiesListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void available(ClientSession session, boolean first) {
        announced(session);
    }

    @Override
    public void changed(ClientSession session) {
        announced(session);
    }

    private void announced(ClientSession session) {
        Element caps = session.presence() == null ? null : session.presence().getChildElement("c", PresenceHandler.CAPS);
        if (caps == null || !CapsHash.isSupported(caps.attributeValue("hash")) || caps.attributeValue("ver") == null) {
            sessions.remove(session.address()); // no caps, or legacy caps without a hash: nothing to verify
            return;
        }
        String key = caps.attributeValue("hash") + " " + caps.attributeValue("ver");
        if (key.equals(sessions.put(session.address(), key))) {
            return; // a new status, the same caps
        }
        Set<String> known = verified.get(key);
        if (known != null) {
            tell(session.address(), known);
            return;
        }
        if (!checking.add(key)) {
            return; // the check under way tells this session too
        }
        IQ query = new IQ(IQ.Type.get);
        query.setTo(session.address());
        query.setChildElement("query", DISCO_INFO).addAttribute("node",
                caps.attributeValue("node") + "#" + caps.attributeValue("ver"));
        router.query(query).whenComplete((answer, failure) -> {
            try {
                if (answer != null && check(key, caps.attributeValue("hash"), caps.attributeValue("ver"), answer)) {
                    Set<String> features = verified.get(key);
                    sessions.forEach((waiting, itsKey) -> {
                        if (itsKey.equals(key)) {
                            tell(waiting, features);
                        }
                    });
                }
            } finally {
                checking.remove(key);
            }
        });
    }

    /** True when the answer verified the ver, whose features are now kept. */
    private boolean check(String key, String hash, String ver, IQ answer) {
        Element query = answer.getType() == IQ.Type.result ? answer.getChildElement() : null;
        if (query == null || !DISCO_INFO.equals(query.getNamespaceURI())) {
            LOG.debug("{} did not tell its features for caps {}", answer.getFrom(), ver);
            return false;
        }
        if (!ver.equals(CapsHash.ver(query, hash))) {
            LOG.warn("{} sent caps ver {} that does not match its disco#info; ignored", answer.getFrom(), ver);
            return false;
        }
        Set<String> features = new HashSet<>();
        query.elements("feature").forEach(feature -> features.add(feature.attributeValue("var")));
        verified.put(key, Set.copyOf(features));
        return true;
    }

    private void tell(JID session, Set<String> features) {
        for (CapabilitiesListener listener : listeners) {
            try {
                listener.verified(session, features);
            } catch (RuntimeException e) {
                LOG.warn("{} failed on the caps of {}", listener, session, e);
            }
        }
    }

    @Override
    public void unavailable(ClientSession session, boolean last) {
        sessions.remove(session.address());
    }

    @Override
    public Optional<Set<String>> features(JID session) {
        String key = sessions.get(session);
        return key == null ? Optional.empty() : Optional.ofNullable(verified.get(key));
    }
}
