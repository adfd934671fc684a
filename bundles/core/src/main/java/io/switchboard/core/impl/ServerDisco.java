package io.switchboard.core.impl;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.dom4j.Element;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;

/**
 * XEP-0030 for the server itself, built from what is registered: the features named by every
 * {@link StanzaHandler} service, and the mounted components as items.
 */
public final class ServerDisco {

    static final String INFO = "http://jabber.org/protocol/disco#info";
    static final String ITEMS = "http://jabber.org/protocol/disco#items";

    private ServerDisco() {
    }

    /** Collects the disco features a handler service advertises. */
    private static void collect(Map<Object, String[]> into, ServiceReference<?> reference) {
        Object feature = reference.getProperty(StanzaHandler.DISCO_FEATURE);
        if (feature instanceof String single) {
            into.put(reference, new String[] {single});
        } else if (feature instanceof String[] many) {
            into.put(reference, many);
        }
    }

    @Component(property = {
            StanzaHandler.ELEMENT + "=iq",
            StanzaHandler.NAMESPACE + "=" + INFO,
            StanzaHandler.DISCO_FEATURE + "=" + INFO,
            StanzaHandler.DISCO_FEATURE + "=" + ITEMS})
    public static final class Info implements StanzaHandler {
        private final Router router;
        private final Map<Object, String[]> features = new ConcurrentHashMap<>();

        @Activate
        public Info(@Reference Router router) {
            this.router = router;
        }

        /* Only the properties are needed, so the handler itself is never fetched (no cycle). */
        @Reference(service = StanzaHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
                policy = ReferencePolicy.DYNAMIC, target = "(" + StanzaHandler.DISCO_FEATURE + "=*)")
        void addHandler(ServiceReference<StanzaHandler> reference) {
            collect(features, reference);
        }

        void removeHandler(ServiceReference<StanzaHandler> reference) {
            features.remove(reference);
        }

        @Override
        public void handle(Packet packet) throws StanzaErrorException {
            IQ request = (IQ) packet;
            if (request.getType() != IQ.Type.get) {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "disco#info is queried with get");
            }
            if (request.getTo() != null && request.getTo().getNode() != null) {
                throw new StanzaErrorException(PacketError.Condition.service_unavailable);
            }
            IQ result = IQ.createResultIQ(request);
            Element query = result.setChildElement("query", INFO);
            String node = request.getChildElement().attributeValue("node");
            if (node != null) {
                throw new StanzaErrorException(PacketError.Condition.item_not_found, "no such node: " + node);
            }
            query.addElement("identity").addAttribute("category", "server").addAttribute("type", "im")
                    .addAttribute("name", "Switchboard");
            Set<String> all = new TreeSet<>();
            features.values().forEach(list -> all.addAll(List.of(list))); // Set.of throws on a duplicate
            all.forEach(feature -> query.addElement("feature").addAttribute("var", feature));
            router.route(result);
        }
    }

    @Component(property = {
            StanzaHandler.ELEMENT + "=iq",
            StanzaHandler.NAMESPACE + "=" + ITEMS})
    public static final class Items implements StanzaHandler {
        private final Router router;
        private final Map<org.xmpp.component.Component, String> components = new ConcurrentHashMap<>();

        @Activate
        public Items(@Reference Router router) {
            this.router = router;
        }

        @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
                target = "(" + Router.COMPONENT_SUBDOMAIN + "=*)")
        void addComponent(org.xmpp.component.Component component, Map<String, Object> properties) {
            components.put(component, String.valueOf(properties.get(Router.COMPONENT_SUBDOMAIN)));
        }

        void removeComponent(org.xmpp.component.Component component) {
            components.remove(component);
        }

        @Override
        public void handle(Packet packet) throws StanzaErrorException {
            IQ request = (IQ) packet;
            if (request.getType() != IQ.Type.get) {
                throw new StanzaErrorException(PacketError.Condition.bad_request, "disco#items is queried with get");
            }
            if (request.getTo() != null && request.getTo().getNode() != null) {
                throw new StanzaErrorException(PacketError.Condition.service_unavailable);
            }
            IQ result = IQ.createResultIQ(request);
            Element query = result.setChildElement("query", ITEMS);
            components.forEach((component, subdomain) -> query.addElement("item")
                    .addAttribute("jid", subdomain + "." + router.domain())
                    .addAttribute("name", component.getName()));
            router.route(result);
        }
    }
}
