package io.switchboard.core.impl;

import static io.switchboard.core.impl.Xml.stanzaErrorCondition;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

import io.switchboard.api.routing.Router;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;
import io.switchboard.testing.RecordingSession;
import io.switchboard.testing.TestServices;

/**
 * Routing by {@code to}: the server's handlers (by element and child namespace, highest ranking
 * first), users' sessions (RFC 6121 8.5), mounted components, and the stanza errors the router
 * answers with (RFC 6120 8.3).
 */
public class DefaultRouterTest {

    private static final String TEST_NS = "urn:test:echo";

    private final TestServices services = new TestServices();
    private LocalSessions sessions;
    private DefaultRouter router;
    /** The sender of most stanzas here. */
    private RecordingSession alice;

    @Before
    public void startRouter() {
        sessions = new LocalSessions(services.context());
        router = new DefaultRouter(services.context(), sessions, CoreConfigs.config("example.com"));
        alice = bind(new RecordingSession("alice@example.com/phone").available(0));
    }

    @Test
    public void theDomainIsTrimmedAndLowerCased() {
        DefaultRouter configured = new DefaultRouter(services.context(), sessions, CoreConfigs.config(" Example.COM "));

        assertEquals("example.com", configured.domain());
    }

    // ---- the server's handlers -----------------------------------------------------------------

    @Test
    public void anIqToTheServerGoesToTheHandlerOfItsChildNamespace() {
        RecordingHandler echo = new RecordingHandler();
        RecordingHandler other = new RecordingHandler();
        addHandler(echo, StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS);
        addHandler(other, StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, "urn:test:other");

        router.route(query("example.com", TEST_NS));

        assertEquals(1, echo.handled.size());
        assertTrue(other.handled.isEmpty());
        assertTrue("nothing bounced", alice.delivered.isEmpty());
    }

    @Test
    public void anIqWithoutToIsForTheServerToo() {
        RecordingHandler echo = new RecordingHandler();
        addHandler(echo, StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS);

        router.route(query(null, TEST_NS));

        assertEquals(1, echo.handled.size());
    }

    @Test
    public void messageAndPresenceHandlersAreChosenByElementAlone() {
        RecordingHandler messages = new RecordingHandler();
        RecordingHandler presences = new RecordingHandler();
        addHandler(messages, StanzaHandler.ELEMENT, "message");
        addHandler(presences, StanzaHandler.ELEMENT, "presence");

        Message message = new Message();
        message.setFrom(alice.address());
        message.setTo("example.com");
        router.route(message);
        Presence presence = new Presence();
        presence.setFrom(alice.address());
        router.route(presence);

        assertEquals(List.of(message), messages.handled);
        assertEquals(List.of(presence), presences.handled);
    }

    @Test
    public void theHighestRankingHandlerWinsAndTheNextTakesOverWhenItGoes() {
        RecordingHandler low = new RecordingHandler();
        RecordingHandler high = new RecordingHandler();
        addHandler(low, StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS, Constants.SERVICE_RANKING, 1);
        ServiceReference<StanzaHandler> highReference = addHandler(high,
                StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS, Constants.SERVICE_RANKING, 10);

        router.route(query("example.com", TEST_NS));
        assertEquals(1, high.handled.size());
        assertTrue(low.handled.isEmpty());

        router.removeHandler(highReference);
        router.route(query("example.com", TEST_NS));
        assertEquals(1, high.handled.size());
        assertEquals(1, low.handled.size());
    }

    @Test
    public void onEqualRankingTheOlderHandlerWins() {
        RecordingHandler older = new RecordingHandler();
        RecordingHandler newer = new RecordingHandler();
        addHandler(older, StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS);
        addHandler(newer, StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS);

        router.route(query("example.com", TEST_NS));

        assertEquals(1, older.handled.size());
        assertTrue(newer.handled.isEmpty());
    }

    @Test
    public void anIqGetWithoutHandlerIsServiceUnavailableWithTheRequestsIdAndChild() {
        IQ request = query("example.com", TEST_NS);

        router.route(request);

        IQ error = (IQ) alice.lastDelivered();
        assertEquals("service-unavailable", stanzaErrorCondition(error));
        assertEquals(request.getID(), error.getID());
        assertEquals(alice.address(), error.getTo());
        assertEquals(new JID("example.com"), error.getFrom());
        assertEquals(TEST_NS, error.getChildElement().getNamespaceURI());
    }

    @Test
    public void anIqSetWithoutHandlerIsServiceUnavailable() {
        IQ request = query("example.com", TEST_NS);
        request.setType(IQ.Type.set);

        router.route(request);

        assertEquals("service-unavailable", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void anIqRequestWithoutChildIsABadRequest() {
        IQ request = new IQ(IQ.Type.get, "empty");
        request.setFrom(alice.address());
        request.setTo("example.com");

        router.route(request);

        assertEquals("bad-request", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void aMessageToTheServerWithoutHandlerIsDroppedSilently() {
        Message message = new Message();
        message.setFrom(alice.address());
        message.setTo("example.com");
        message.setBody("anyone?");

        router.route(message);

        assertTrue(alice.delivered.isEmpty());
    }

    @Test
    public void aStanzaErrorExceptionBecomesThatErrorWithItsText() {
        addHandler(new RecordingHandler(packet -> {
            throw new StanzaErrorException(PacketError.Condition.item_not_found, "no such thing");
        }), StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS);

        router.route(query("example.com", TEST_NS));

        Packet error = alice.lastDelivered();
        assertEquals("item-not-found", stanzaErrorCondition(error));
        assertEquals("no such thing", error.getError().getText());
    }

    @Test
    public void aRuntimeExceptionBecomesInternalServerError() {
        addHandler(new RecordingHandler(packet -> {
            throw new IllegalStateException("bug in a handler");
        }), StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS);

        router.route(query("example.com", TEST_NS));

        assertEquals("internal-server-error", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void aHandlerThatWasJustUnregisteredMeansServiceUnavailable() {
        ServiceReference<StanzaHandler> reference = addHandler(new RecordingHandler(),
                StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS);
        services.unregister(reference); // gone from the registry, not yet unbound from the router

        router.route(query("example.com", TEST_NS));

        assertEquals("service-unavailable", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void aHandlersAnswerRoutedBackReachesTheAsker() {
        addHandler(new RecordingHandler(packet -> router.route(IQ.createResultIQ((IQ) packet))),
                StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS);

        router.route(query("example.com", TEST_NS));

        IQ result = (IQ) alice.lastDelivered();
        assertEquals(IQ.Type.result, result.getType());
        assertEquals("q1", result.getID());
    }

    @Test
    public void iqResponsesToTheServerAreDropped() {
        IQ result = new IQ(IQ.Type.result, "r1");
        result.setFrom(alice.address());
        result.setTo("example.com");

        router.route(result);

        assertTrue(alice.delivered.isEmpty());
    }

    // ---- users ----------------------------------------------------------------------------------

    @Test
    public void aMessageToABareJidGoesToTheAvailableSessionsOfHighestNonNegativePriority() {
        RecordingSession desk = bind(new RecordingSession("bob@example.com/desk").available(5));
        RecordingSession laptop = bind(new RecordingSession("bob@example.com/laptop").available(5));
        RecordingSession tablet = bind(new RecordingSession("bob@example.com/tablet").available(1));
        RecordingSession offline = bind(new RecordingSession("bob@example.com/offline")); // no presence yet

        router.route(message("bob@example.com", Message.Type.chat));

        assertEquals(1, desk.delivered.size());
        assertEquals(1, laptop.delivered.size());
        assertTrue(tablet.delivered.isEmpty());
        assertTrue(offline.delivered.isEmpty());
        assertEquals(alice.address(), desk.lastDelivered().getFrom());
    }

    @Test
    public void sessionsOfNegativePriorityGetNoMessagesToTheBareJid() {
        RecordingSession hidden = bind(new RecordingSession("bob@example.com/hidden").available(-1));

        router.route(message("bob@example.com", Message.Type.chat));

        assertTrue(hidden.delivered.isEmpty());
        assertEquals("as if bob had no available session", "service-unavailable",
                stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void aMessageToAUserWithoutSessionsIsServiceUnavailable() {
        router.route(message("nobody@example.com", Message.Type.normal));

        Packet error = alice.lastDelivered();
        assertEquals("service-unavailable", stanzaErrorCondition(error));
        assertEquals("the error comes from the address written to", new JID("nobody@example.com"), error.getFrom());
    }

    @Test
    public void headlineAndGroupchatMessagesToUsersWithoutSessionsAreDroppedSilently() {
        router.route(message("nobody@example.com", Message.Type.headline));
        router.route(message("nobody@example.com", Message.Type.groupchat));

        assertTrue(alice.delivered.isEmpty());
    }

    @Test
    public void aMessageOfUnknownTypeIsTreatedAsNormal() {
        Message message = message("nobody@example.com", null);
        message.getElement().addAttribute("type", "invented"); // RFC 6121 5.2.2: treat as normal

        router.route(message);

        assertEquals("service-unavailable", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void aMessageToAFullJidGoesToThatSessionOnly() {
        RecordingSession desk = bind(new RecordingSession("bob@example.com/desk").available(5));
        RecordingSession laptop = bind(new RecordingSession("bob@example.com/laptop").available(0));

        router.route(message("bob@example.com/laptop", Message.Type.chat));

        assertTrue(desk.delivered.isEmpty());
        assertEquals(1, laptop.delivered.size());
    }

    @Test
    public void aMessageToAResourceThatIsGoneIsTreatedAsToTheBareJid() {
        RecordingSession desk = bind(new RecordingSession("bob@example.com/desk").available(5));

        router.route(message("bob@example.com/gone", Message.Type.chat));

        assertEquals(1, desk.delivered.size());
    }

    @Test
    public void aHeadlineToAResourceThatIsGoneIsDropped() {
        RecordingSession desk = bind(new RecordingSession("bob@example.com/desk").available(5));

        router.route(message("bob@example.com/gone", Message.Type.headline));

        assertTrue("RFC 6121 8.5.3.2.1: not handed to another resource", desk.delivered.isEmpty());
        assertTrue("and not bounced", alice.delivered.isEmpty());
    }

    @Test
    public void aHeadlineToABareJidGoesToEveryResourceWithNonNegativePriority() {
        RecordingSession desk = bind(new RecordingSession("bob@example.com/desk").available(5));
        RecordingSession tablet = bind(new RecordingSession("bob@example.com/tablet").available(0));
        RecordingSession hidden = bind(new RecordingSession("bob@example.com/hidden").available(-1));

        router.route(message("bob@example.com", Message.Type.headline));

        assertEquals(1, desk.delivered.size());
        assertEquals(1, tablet.delivered.size());
        assertTrue(hidden.delivered.isEmpty());
    }

    @Test
    public void anIqToABoundFullJidIsDeliveredToThatSession() {
        RecordingSession desk = bind(new RecordingSession("bob@example.com/desk").available(0));

        router.route(query("bob@example.com/desk", "jabber:iq:version"));

        assertEquals("q1", desk.lastDelivered().getID());
    }

    @Test
    public void anIqToAnUnknownFullJidIsServiceUnavailable() {
        router.route(query("bob@example.com/nowhere", "jabber:iq:version"));

        assertEquals("service-unavailable", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void anIqToAnotherUsersBareJidIsServiceUnavailable() {
        RecordingSession desk = bind(new RecordingSession("bob@example.com/desk").available(0));

        router.route(query("bob@example.com", "jabber:iq:roster"));

        assertTrue(desk.delivered.isEmpty());
        assertEquals("service-unavailable", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void anIqToTheSendersOwnBareJidIsAnsweredByTheServersHandler() {
        RecordingHandler roster = new RecordingHandler();
        addHandler(roster, StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, "jabber:iq:roster");

        router.route(query("alice@example.com", "jabber:iq:roster"));

        assertEquals(1, roster.handled.size());
    }

    @Test
    public void anAccountHandlerAnswersIqsToAnyAccountsBareJidAndToNoOneAndTheServersHandlerTheRest() {
        RecordingHandler server = new RecordingHandler();
        RecordingHandler account = new RecordingHandler();
        addHandler(server, StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS);
        addHandler(account, StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS,
                DefaultRouter.ADDRESSED, DefaultRouter.ACCOUNT);

        router.route(query("alice@example.com", TEST_NS));
        router.route(query(null, TEST_NS));
        router.route(query("bob@example.com", TEST_NS));
        router.route(query("example.com", TEST_NS));

        assertEquals(3, account.handled.size());
        assertEquals(1, server.handled.size());
        assertTrue("nothing bounced", alice.delivered.isEmpty());
    }

    @Test
    public void withoutAnAccountHandlerAnIqToAnothersBareJidIsServiceUnavailable() {
        RecordingHandler account = new RecordingHandler();
        ServiceReference<StanzaHandler> reference = addHandler(account, StanzaHandler.ELEMENT, "iq",
                StanzaHandler.NAMESPACE, TEST_NS, DefaultRouter.ADDRESSED, DefaultRouter.ACCOUNT);
        router.removeHandler(reference);

        router.route(query("bob@example.com", TEST_NS));

        assertTrue(account.handled.isEmpty());
        assertEquals("service-unavailable", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void presenceToABareJidGoesToEveryAvailableSession() {
        RecordingSession desk = bind(new RecordingSession("bob@example.com/desk").available(5));
        RecordingSession hidden = bind(new RecordingSession("bob@example.com/hidden").available(-1));
        RecordingSession offline = bind(new RecordingSession("bob@example.com/offline"));
        Presence presence = new Presence();
        presence.setFrom(alice.address());
        presence.setTo("bob@example.com");

        router.route(presence);

        assertEquals(1, desk.delivered.size());
        assertEquals(1, hidden.delivered.size());
        assertTrue(offline.delivered.isEmpty());
    }

    // ---- the server's own queries ------------------------------------------------------------------

    @Test
    public void aServerQueryCompletesWithTheAnswerOfWhomItAsked() {
        RecordingSession desk = bind(new RecordingSession("bob@example.com/desk").available(0));
        IQ ask = new IQ(IQ.Type.get);
        ask.setTo(desk.address());
        ask.setChildElement("query", "http://jabber.org/protocol/disco#info");

        java.util.concurrent.CompletableFuture<IQ> answer = router.query(ask);
        IQ sent = (IQ) desk.lastDelivered();
        assertEquals(new JID("example.com"), sent.getFrom());

        IQ forged = IQ.createResultIQ(sent);
        forged.setFrom(alice.address()); // someone else answering with the same id
        router.route(forged);
        assertTrue("not completed by another's answer", !answer.isDone());

        IQ result = IQ.createResultIQ(sent);
        result.setFrom(desk.address());
        router.route(result);
        assertEquals(result, answer.getNow(null));
    }

    // ---- errors ---------------------------------------------------------------------------------

    @Test
    public void aStanzaToAnUnknownDomainIsRemoteServerNotFound() {
        router.route(message("carol@elsewhere.example", Message.Type.chat));

        Packet error = alice.lastDelivered();
        assertEquals("remote-server-not-found", stanzaErrorCondition(error));
        assertEquals(new JID("carol@elsewhere.example"), error.getFrom());
    }

    @Test
    public void aMalformedToIsJidMalformedFromThatVeryAddress() {
        Message message = message(null, Message.Type.chat);
        message.getElement().addAttribute("to", "no spaces@example.com");

        router.route(message);

        Packet error = alice.lastDelivered();
        assertEquals("jid-malformed", stanzaErrorCondition(error));
        assertEquals("no spaces@example.com", error.getElement().attributeValue("from"));
    }

    @Test
    public void aToWithTwoAtSignsIsJidMalformed() {
        IQ request = query(null, "jabber:iq:version");
        request.getElement().addAttribute("to", "bob@example.com@example.com"); // setTo() would refuse it

        router.route(request);

        assertEquals("jid-malformed", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void addressesAreComparedAfterStringprepSoCaseDoesNotMatterOutsideTheResource() {
        RecordingSession desk = bind(new RecordingSession("bob@example.com/desk").available(0));
        RecordingHandler version = new RecordingHandler();
        addHandler(version, StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, "jabber:iq:version");

        // raw attributes, as a client's stanza arrives (Tinder's setTo(String) would normalize them)
        Message message = message(null, Message.Type.chat);
        message.getElement().addAttribute("to", "Bob@EXAMPLE.com/desk");
        IQ request = query(null, "jabber:iq:version");
        request.getElement().addAttribute("to", "Example.COM");

        router.route(message);
        router.route(request);

        assertEquals(1, desk.delivered.size());
        assertEquals(1, version.handled.size());
        assertTrue(alice.delivered.isEmpty());
    }

    @Test
    public void errorsAreNeverAnsweredWithErrors() {
        Message error = message("carol@elsewhere.example", Message.Type.error);
        IQ iqError = new IQ(IQ.Type.error, "e1");
        iqError.setFrom(alice.address());
        iqError.setTo("bob@example.com/nowhere");

        router.route(error);
        router.route(iqError);

        assertTrue(alice.delivered.isEmpty());
    }

    @Test
    public void anErrorForASenderThatCannotBeReachedEndsThere() {
        // the error to the sender is itself undeliverable; it must not bounce again
        Message message = new Message();
        message.setFrom("carol@elsewhere.example/x");
        message.setTo("dave@nowhere.example");

        router.route(message);

        assertTrue(alice.delivered.isEmpty());
    }

    @Test
    public void aStanzaWithoutSenderIsNeverAnswered() {
        IQ request = query("example.com", TEST_NS);
        request.setFrom((JID) null);

        router.route(request);

        assertTrue(alice.delivered.isEmpty());
    }

    // ---- components -----------------------------------------------------------------------------

    @Test
    public void aComponentIsMountedAtItsSubdomainAndStarted() {
        RecordingComponent pubsub = new RecordingComponent();

        addComponent(pubsub, "pubsub");

        assertEquals(new JID("pubsub.example.com"), pubsub.address);
        assertTrue(pubsub.started);
        assertEquals(Map.of("pubsub.example.com", pubsub), router.mountedComponents());
    }

    @Test
    public void aMountedComponentReceivesWhatIsAddressedToItsDomain() {
        RecordingComponent pubsub = new RecordingComponent();
        addComponent(pubsub, "pubsub");

        router.route(query("pubsub.example.com", "http://jabber.org/protocol/pubsub"));
        router.route(message("node@pubsub.example.com/r", Message.Type.chat));

        assertEquals(2, pubsub.received.size());
        assertTrue(alice.delivered.isEmpty());
    }

    @Test
    public void whatAComponentSendsIsRoutedFromItsAddress() {
        RecordingComponent pubsub = new RecordingComponent();
        pubsub.onPacket(packet -> {
            IQ result = IQ.createResultIQ((IQ) packet);
            result.setFrom((JID) null); // the manager fills in the component's address
            pubsub.send(result);
        });
        addComponent(pubsub, "pubsub");

        router.route(query("pubsub.example.com", "http://jabber.org/protocol/pubsub"));

        IQ result = (IQ) alice.lastDelivered();
        assertEquals(IQ.Type.result, result.getType());
        assertEquals(new JID("pubsub.example.com"), result.getFrom());
    }

    @Test
    public void aComponentsQueryGetsTheAnswerRoutedBackToIt() throws Exception {
        addHandler(new RecordingHandler(packet -> router.route(IQ.createResultIQ((IQ) packet))),
                StanzaHandler.ELEMENT, "iq", StanzaHandler.NAMESPACE, TEST_NS);
        RecordingComponent pubsub = new RecordingComponent();
        addComponent(pubsub, "pubsub");
        IQ question = new IQ(IQ.Type.get, "c1");
        question.setTo("example.com");
        question.setChildElement("query", TEST_NS);

        // the handler answers synchronously, so the answer is already there: no waiting
        IQ answer = pubsub.manager.query(pubsub, question, 5_000);

        assertNotNull(answer);
        assertEquals(IQ.Type.result, answer.getType());
        assertEquals("c1", answer.getID());
        assertTrue("the answer went to the waiting query, not processPacket", pubsub.received.isEmpty());
    }

    @Test
    public void aComponentThatThrowsMakesTheSenderGetInternalServerError() {
        addComponent(new RecordingComponent().onPacket(packet -> {
            throw new IllegalStateException("bug in a component");
        }), "broken");

        router.route(query("broken.example.com", TEST_NS));

        assertEquals("internal-server-error", stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void aSubdomainThatIsTakenKeepsItsFirstComponent() {
        RecordingComponent first = new RecordingComponent();
        RecordingComponent second = new RecordingComponent();
        addComponent(first, "pubsub");

        addComponent(second, "pubsub");

        assertSame(first, router.mountedComponents().get("pubsub.example.com"));
        assertNull("never initialized", second.manager);
        router.route(query("pubsub.example.com", TEST_NS));
        assertEquals(1, first.received.size());
    }

    @Test
    public void unmountingStopsDeliveryAndShutsTheComponentDown() {
        RecordingComponent pubsub = new RecordingComponent();
        addComponent(pubsub, "pubsub");

        router.removeComponent(pubsub);
        router.route(query("pubsub.example.com", TEST_NS));

        assertTrue(pubsub.shutDown);
        assertTrue(pubsub.received.isEmpty());
        assertTrue(router.mountedComponents().isEmpty());
        assertEquals("a subdomain of ours: the service is away", "service-unavailable",
                stanzaErrorCondition(alice.lastDelivered()));
    }

    @Test
    public void deactivatingTheRouterUnmountsEveryComponent() {
        RecordingComponent pubsub = new RecordingComponent();
        RecordingComponent search = new RecordingComponent();
        addComponent(pubsub, "pubsub");
        addComponent(search, "search");

        router.deactivate();

        assertTrue(pubsub.shutDown && search.shutDown);
        assertTrue(router.mountedComponents().isEmpty());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private RecordingSession bind(RecordingSession session) {
        sessions.bind(session);
        return session;
    }

    private ServiceReference<StanzaHandler> addHandler(StanzaHandler handler, Object... properties) {
        ServiceReference<StanzaHandler> reference = services.register(handler, properties);
        router.addHandler(reference);
        return reference;
    }

    private void addComponent(RecordingComponent component, String subdomain) {
        router.addComponent(component, Map.of(Router.COMPONENT_SUBDOMAIN, subdomain));
    }

    /** An IQ get from alice with one {@code <query/>} child in this namespace. */
    private IQ query(String to, String namespace) {
        IQ iq = new IQ(IQ.Type.get, "q1");
        iq.setFrom(alice.address());
        if (to != null) {
            iq.setTo(to);
        }
        iq.setChildElement("query", namespace);
        return iq;
    }

    private Message message(String to, Message.Type type) {
        Message message = new Message();
        message.setFrom(alice.address());
        if (to != null) {
            message.setTo(to);
        }
        if (type != null) {
            message.setType(type);
        }
        message.setBody("hello");
        return message;
    }
}
