package io.switchboard.core.impl;

import static io.switchboard.core.impl.Xml.stanzaErrorCondition;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.dom4j.Element;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaHandler;
import io.switchboard.testing.RecordingSession;
import io.switchboard.testing.TestServices;

/** XEP-0030 for the server itself, asked through the router as a client would. */
public class ServerDiscoTest {

    private final TestServices services = new TestServices();
    private DefaultRouter router;
    private RecordingSession alice;
    private ServerDisco.Info info;
    private ServerDisco.Items items;

    @Before
    public void registerDisco() {
        LocalSessions sessions = new LocalSessions(services.context());
        router = new DefaultRouter(services.context(), sessions, CoreConfigs.config("example.com"));
        alice = new RecordingSession("alice@example.com/phone").available(0);
        sessions.bind(alice);

        // registered as DS would: with the properties of their @Component annotations
        info = new ServerDisco.Info(router);
        items = new ServerDisco.Items(router);
        ServiceReference<StanzaHandler> infoReference = services.register(info,
                StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, ServerDisco.INFO,
                StanzaHandler.DISCO_FEATURE, new String[] {ServerDisco.INFO, ServerDisco.ITEMS});
        ServiceReference<StanzaHandler> itemsReference = services.register(items,
                StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, ServerDisco.ITEMS);
        router.addHandler(infoReference);
        router.addHandler(itemsReference);
        info.addHandler(infoReference); // disco#info lists its own features too
    }

    @Test
    public void infoNamesTheServerAndTheFeaturesOfEveryHandlerSorted() {
        info.addHandler(services.register(new RecordingHandler(), StanzaHandler.ELEMENT, "presence",
                StanzaHandler.DISCO_FEATURE, "http://jabber.org/protocol/caps"));
        info.addHandler(services.register(new RecordingHandler(), StanzaHandler.ELEMENT, "iq",
                StanzaHandler.DISCO_FEATURE, new String[] {"urn:xmpp:ping", "jabber:iq:version"}));

        router.route(ask(ServerDisco.INFO, "example.com"));

        Element query = result().getChildElement();
        assertEquals(ServerDisco.INFO, query.getNamespaceURI());
        Element identity = query.element("identity");
        assertEquals("server", identity.attributeValue("category"));
        assertEquals("im", identity.attributeValue("type"));
        assertEquals(List.of("http://jabber.org/protocol/caps", ServerDisco.INFO, ServerDisco.ITEMS,
                "jabber:iq:version", "urn:xmpp:ping"), features(query));
    }

    @Test
    public void aFeatureNamedTwiceIsListedOnce() {
        info.addHandler(services.register(new RecordingHandler(), StanzaHandler.ELEMENT, "iq",
                StanzaHandler.DISCO_FEATURE, new String[] {"urn:xmpp:ping", "urn:xmpp:ping"}));
        info.addHandler(services.register(new RecordingHandler(), StanzaHandler.ELEMENT, "iq",
                StanzaHandler.DISCO_FEATURE, "urn:xmpp:ping"));

        router.route(ask(ServerDisco.INFO, "example.com"));

        assertEquals(List.of(ServerDisco.INFO, ServerDisco.ITEMS, "urn:xmpp:ping"), features(result().getChildElement()));
    }

    @Test
    public void aHandlerThatGoesTakesItsFeaturesWithIt() {
        ServiceReference<StanzaHandler> ping = services.register(new RecordingHandler(), StanzaHandler.ELEMENT, "iq",
                StanzaHandler.DISCO_FEATURE, "urn:xmpp:ping");
        info.addHandler(ping);
        info.removeHandler(ping);

        router.route(ask(ServerDisco.INFO, "example.com"));

        assertEquals(List.of(ServerDisco.INFO, ServerDisco.ITEMS), features(result().getChildElement()));
    }

    @Test
    public void infoWithoutToIsAboutTheServer() {
        router.route(ask(ServerDisco.INFO, null));

        assertEquals(IQ.Type.result, result().getType());
    }

    @Test
    public void infoAboutANodeIsItemNotFound() {
        IQ request = ask(ServerDisco.INFO, "example.com");
        request.getChildElement().addAttribute("node", "http://example.com/caps#abc");

        router.route(request);

        assertEquals("item-not-found", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void infoIsQueriedWithGetOnly() {
        IQ request = ask(ServerDisco.INFO, "example.com");
        request.setType(IQ.Type.set);

        router.route(request);

        assertEquals("bad-request", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void infoAboutAUsersOwnBareJidIsNotAnsweredForTheUser() {
        router.route(ask(ServerDisco.INFO, "alice@example.com"));

        assertEquals("service-unavailable", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void itemsListTheComponentsByTheirDomain() {
        items.addComponent(new RecordingComponent(), Map.of(Router.COMPONENT_SUBDOMAIN, "pubsub"));

        router.route(ask(ServerDisco.ITEMS, "example.com"));

        IQ result = result();
        assertEquals(new JID("example.com"), result.getFrom());
        List<Element> listed = result.getChildElement().elements("item");
        assertEquals(1, listed.size());
        assertEquals("pubsub.example.com", listed.get(0).attributeValue("jid"));
        assertEquals("Recording component", listed.get(0).attributeValue("name"));
    }

    @Test
    public void itemsAreEmptyOnceTheComponentIsGone() {
        RecordingComponent pubsub = new RecordingComponent();
        items.addComponent(pubsub, Map.of(Router.COMPONENT_SUBDOMAIN, "pubsub"));
        items.removeComponent(pubsub);

        router.route(ask(ServerDisco.ITEMS, "example.com"));

        assertTrue(result().getChildElement().elements().isEmpty());
    }

    @Test
    public void itemsAreQueriedWithGetOnly() {
        IQ request = ask(ServerDisco.ITEMS, "example.com");
        request.setType(IQ.Type.set);

        router.route(request);

        assertEquals("bad-request", stanzaErrorCondition(alice.lastDelivered()));
    }

    private IQ ask(String namespace, String to) {
        IQ request = new IQ(IQ.Type.get, "disco-1");
        request.setFrom(alice.address());
        if (to != null) {
            request.setTo(to);
        }
        request.setChildElement("query", namespace);
        return request;
    }

    private IQ result() {
        IQ result = (IQ) alice.lastDelivered();
        assertEquals(result.toXML(), IQ.Type.result, result.getType());
        assertEquals("disco-1", result.getID());
        return result;
    }

    private static List<String> features(Element query) {
        return query.elements("feature").stream().map(feature -> feature.attributeValue("var")).toList();
    }
}
