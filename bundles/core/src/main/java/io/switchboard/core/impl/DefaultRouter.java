package io.switchboard.core.impl;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;
import io.switchboard.api.session.ClientSession;

/**
 * Routes every stanza by its {@code to}: to the server's handlers (chosen by element and child
 * namespace from the service registry), to a mounted component, or to a user's sessions. Every
 * stanza error the server generates is made here. An IQ request to an account's bare JID (or
 * without {@code to}: the sender's own) goes first to a handler registered with
 * {@link #ADDRESSED}{@code =}{@link #ACCOUNT} for its namespace, which answers on the account's
 * behalf (XEP-0163 PEP, disco#info of an account), whoever sent it.
 */
@Component(service = Router.class, configurationPid = CoreConfiguration.PID)
@Designate(ocd = CoreConfiguration.class)
public class DefaultRouter implements Router {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultRouter.class);
    private static final String HANDLERS = "handlers";
    private static final long QUERY_TIMEOUT_SECONDS = 30;
    private static final String PRESENCE = RankedHandler.key("presence", null);

    /** Handler service property: to whom the stanzas it handles are addressed; absent for the server itself. */
    static final String ADDRESSED = "switchboard.stanza.to";
    /** {@link #ADDRESSED} of a handler that answers IQs to accounts' bare JIDs on their behalf. */
    static final String ACCOUNT = "account";

    private final ComponentContext context;
    private final LocalSessions sessions;
    private final String domain;
    private final Map<String, List<RankedHandler>> handlers = new ConcurrentHashMap<>();
    private final ComponentMounts components;
    /** The server's own queries waiting for an answer, by IQ id. */
    private final Map<String, Query> queries = new ConcurrentHashMap<>();
    private final AtomicLong queryIds = new AtomicLong();

    @Activate
    public DefaultRouter(ComponentContext context, @Reference LocalSessions sessions, CoreConfiguration config) {
        this.context = context;
        this.sessions = sessions;
        this.domain = config.domain().trim().toLowerCase();
        this.components = new ComponentMounts(this);
    }

    @Deactivate
    void deactivate() {
        components.unmountAll();
    }

    @Override
    public String domain() {
        return domain;
    }

    // ---- the handler whiteboard -------------------------------------------------------------

    /*
     * Handlers are bound by reference and fetched at first use: a handler usually needs the Router
     * itself, so getting it while the Router activates would be a cycle.
     */
    @Reference(name = HANDLERS, service = StanzaHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, target = "(" + StanzaHandler.ELEMENT + "=*)")
    void addHandler(ServiceReference<StanzaHandler> reference) {
        RankedHandler ranked = new RankedHandler(reference);
        handlers.compute(ranked.key, (key, list) -> {
            List<RankedHandler> updated = list == null ? new CopyOnWriteArrayList<>() : list;
            updated.add(ranked);
            updated.sort(Comparator.naturalOrder());
            return updated;
        });
    }

    void removeHandler(ServiceReference<StanzaHandler> reference) {
        handlers.computeIfPresent(RankedHandler.key(reference), (key, list) -> {
            list.removeIf(ranked -> ranked.reference.equals(reference));
            return list.isEmpty() ? null : list;
        });
    }

    // ---- the component whiteboard -----------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Router.COMPONENT_SUBDOMAIN + "=*)")
    void addComponent(org.xmpp.component.Component component, Map<String, Object> properties) {
        components.mount(String.valueOf(properties.get(Router.COMPONENT_SUBDOMAIN)), component);
    }

    void removeComponent(org.xmpp.component.Component component) {
        components.unmount(component);
    }

    /** The components mounted now, by their domain. */
    Map<String, org.xmpp.component.Component> mountedComponents() {
        return components.byDomain();
    }

    // ---- routing ----------------------------------------------------------------------------

    @Override
    public void route(Packet packet) {
        if (packet instanceof IQ iq && !isWellFormed(iq)) {
            bounce(packet, PacketError.Condition.bad_request); // never answers a result or an error
            return;
        }
        JID to;
        try {
            // not packet.getTo(): Tinder skips stringprep there, so it neither rejects a malformed
            // address nor normalizes case (Bob@Example.COM is bob@example.com)
            String address = packet.getElement().attributeValue("to");
            to = address == null ? null : new JID(address);
        } catch (IllegalArgumentException e) {
            bounce(packet, PacketError.Condition.jid_malformed);
            return;
        }
        if (to == null) {
            if (!toAccount(packet)) {
                toServer(packet);
            }
        } else if (domain.equals(to.getDomain())) {
            if (to.getNode() == null) {
                toServer(packet);
            } else {
                toUser(packet, to);
            }
        } else if (!components.deliver(to.getDomain(), packet)) {
            // a subdomain of ours is a component that is not mounted now; any other domain is a
            // server this one does not talk to
            bounce(packet, to.getDomain().endsWith("." + domain)
                    ? PacketError.Condition.service_unavailable : PacketError.Condition.remote_server_not_found);
        }
    }

    @Override
    public CompletableFuture<IQ> query(IQ request) {
        String id = "sb-" + queryIds.incrementAndGet();
        request.setID(id);
        request.setFrom(domain);
        CompletableFuture<IQ> answer = new CompletableFuture<>();
        queries.put(id, new Query(request.getTo(), answer));
        answer.orTimeout(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((result, failure) -> queries.remove(id));
        route(request);
        return answer;
    }

    private void toServer(Packet packet) {
        String namespace = null;
        if (packet instanceof IQ iq) {
            if (!iq.isRequest()) {
                Query query = queries.get(iq.getID());
                if (query != null && query.asked.equals(iq.getFrom())) {
                    query.answer.complete(iq); // an answer to one of the server's own queries; others are dropped
                }
                return;
            }
            namespace = iq.getChildElement().getNamespaceURI();
        }
        List<RankedHandler> candidates = handlers.get(RankedHandler.key(packet.getElement().getName(), namespace));
        if (candidates == null || candidates.isEmpty()) {
            if (packet instanceof IQ) {
                bounce(packet, PacketError.Condition.service_unavailable);
            }
            return;
        }
        dispatch(packet, candidates.get(0));
    }

    /** An IQ request for an account that an account handler takes (see ADDRESSED); false when none does. */
    private boolean toAccount(Packet packet) {
        if (!(packet instanceof IQ iq) || !iq.isRequest()) {
            return false;
        }
        List<RankedHandler> candidates = handlers.get(RankedHandler.accountKey(iq.getChildElement().getNamespaceURI()));
        if (candidates == null || candidates.isEmpty()) {
            return false;
        }
        dispatch(packet, candidates.get(0));
        return true;
    }

    private void dispatch(Packet packet, RankedHandler chosen) {
        StanzaHandler handler = context.locateService(HANDLERS, chosen.reference);
        if (handler == null) { // unregistered a moment ago
            bounce(packet, PacketError.Condition.service_unavailable);
            return;
        }
        try {
            handler.handle(packet);
        } catch (StanzaErrorException e) {
            bounce(packet, e);
        } catch (RuntimeException e) {
            LOG.error("Handler {} failed on {}", handler.getClass().getName(), packet.toXML(), e);
            bounce(packet, PacketError.Condition.internal_server_error);
        }
    }

    private void toUser(Packet packet, JID to) {
        if (packet instanceof Presence && handlers.containsKey(PRESENCE)) {
            toServer(packet); // the presence handler delivers it after RFC 6121 processing (rosters, subscriptions)
            return;
        }
        if (to.getResource() != null) {
            ClientSession session = sessions.session(to).orElse(null);
            if (session != null) {
                session.deliver(packet);
            } else if (packet instanceof Message && !isHeadline(packet)) {
                // RFC 6121 8.5.3.2: treat as addressed to the bare JID; a headline is dropped instead
                toUser(packet, to.asBareJID());
            } else if (packet instanceof IQ) {
                bounce(packet, PacketError.Condition.service_unavailable);
            }
            return;
        }
        if (packet instanceof IQ) {
            JID from = packet.getFrom();
            if (toAccount(packet)) {
                return;
            }
            if (from != null && to.equals(from.asBareJID())) {
                toServer(packet); // the server answers IQs a user sends to its own bare JID
            } else {
                bounce(packet, PacketError.Condition.service_unavailable);
            }
        } else if (packet instanceof Message message) {
            // RFC 6121 8.5.2.1.1: a headline goes to every resource with non-negative priority
            List<ClientSession> targets = isHeadline(packet) ? available(sessions.sessions(to))
                    : highestPriority(sessions.sessions(to));
            if (targets.isEmpty()) {
                // the raw type: RFC 6121 5.2.2 treats an unknown type as normal, where getType() throws
                String type = message.getElement().attributeValue("type");
                if (!"headline".equals(type) && !"groupchat".equals(type)) {
                    bounce(packet, PacketError.Condition.service_unavailable);
                }
            } else {
                targets.forEach(session -> session.deliver(packet));
            }
        } else {
            sessions.sessions(to).stream().filter(ClientSession::isAvailable).forEach(session -> session.deliver(packet));
        }
    }

    private static boolean isHeadline(Packet packet) {
        return "headline".equals(packet.getElement().attributeValue("type"));
    }

    /** The available sessions with a non-negative priority. */
    private static List<ClientSession> available(Collection<ClientSession> candidates) {
        return candidates.stream()
                .filter(ClientSession::isAvailable)
                .filter(session -> session.presence().getPriority() >= 0)
                .toList();
    }

    /** The available sessions with the highest non-negative priority (RFC 6121 8.5.2.1.1). */
    private static List<ClientSession> highestPriority(Collection<ClientSession> candidates) {
        Map<Integer, List<ClientSession>> byPriority = available(candidates).stream()
                .collect(Collectors.groupingBy(session -> session.presence().getPriority()));
        return byPriority.isEmpty() ? List.of() : byPriority.get(byPriority.keySet().stream().max(Integer::compare).get());
    }

    void bounce(Packet packet, PacketError.Condition condition) {
        bounce(packet, new StanzaErrorException(condition));
    }

    /** Answers the sender with a stanza error; errors and IQ results are never answered. */
    void bounce(Packet packet, StanzaErrorException error) {
        String type = packet.getElement().attributeValue("type");
        if (packet.getFrom() == null || "error".equals(type) || (packet instanceof IQ && "result".equals(type))) {
            return;
        }
        Packet reply = error.replyTo(packet);
        if (reply.getElement().attributeValue("from") == null) {
            reply.getElement().addAttribute("from", domain);
        }
        route(reply);
    }

    /** RFC 6120 8.2.3: an id, a known type, and exactly one child for get and set. */
    private static boolean isWellFormed(IQ iq) {
        String type = iq.getElement().attributeValue("type");
        if (iq.getID() == null || type == null) {
            return false;
        }
        return switch (type) {
            case "get", "set" -> iq.getElement().elements().size() == 1;
            case "result", "error" -> true;
            default -> false;
        };
    }

    /** One of the server's own queries: whom it asked, and the answer to come. */
    private record Query(JID asked, CompletableFuture<IQ> answer) {
    }

    /** A handler's reference with what it handles and its rank; the highest ranking sorts first. */
    private static final class RankedHandler implements Comparable<RankedHandler> {
        final ServiceReference<StanzaHandler> reference;
        final String key;

        RankedHandler(ServiceReference<StanzaHandler> reference) {
            this.reference = reference;
            this.key = key(reference);
        }

        static String key(ServiceReference<StanzaHandler> reference) {
            Object namespace = reference.getProperty(StanzaHandler.NAMESPACE);
            if (ACCOUNT.equals(reference.getProperty(ADDRESSED))) {
                return accountKey(namespace == null ? null : namespace.toString());
            }
            return key(String.valueOf(reference.getProperty(StanzaHandler.ELEMENT)),
                    namespace == null ? null : namespace.toString());
        }

        static String accountKey(String namespace) {
            return ACCOUNT + ' ' + key("iq", namespace);
        }

        static String key(String element, String namespace) {
            return namespace == null ? element : element + ' ' + namespace;
        }

        @Override
        public int compareTo(RankedHandler other) {
            return other.reference.compareTo(reference); // ServiceReference orders by ranking, then age
        }
    }
}
