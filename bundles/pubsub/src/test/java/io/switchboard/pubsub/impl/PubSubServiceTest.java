package io.switchboard.pubsub.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.pubsub.access.AccessDecision;
import io.switchboard.api.pubsub.EventPublisher;
import io.switchboard.api.pubsub.store.PubSubStore;
import io.switchboard.api.pubsub.StoreException;
import io.switchboard.testing.Configurations;

public class PubSubServiceTest {

    private static final String NS = "http://jabber.org/protocol/pubsub";
    private static final String EVENT_NS = NS + "#event";
    private static final String ERRORS_NS = NS + "#errors";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    private static final JID SERVICE = new JID("pubsub.example.com");
    private static final JID ALICE = new JID("alice@example.com/desktop");
    private static final JID BOB = new JID("bob@example.com/desktop");
    private static final String AGENT1 = "/finesse/api/User/agent1";
    private static final String TEAM1 = "/finesse/api/Team/1/Users";

    private final RecordingComponentManager manager = new RecordingComponentManager();
    private final MemoryStore store = new MemoryStore();
    private final TestPubSub service = new TestPubSub(store);

    @Before
    public void setUp() {
        // these tests are about XEP-0060 itself; access policies have tests of their own below
        service.setAccessPolicy((subscriber, node) -> AccessDecision.allowed());
        service.initialize(SERVICE, manager);
        service.createNode(AGENT1);
        service.createNode(TEAM1);
    }

    // ---- activity, for operators ------------------------------------------------------------------

    @Test
    public void theLastPublishToEachNodeIsKeptWhetherAnEventSourceOrAClientPublished() throws DocumentException {
        Instant before = Instant.now();
        assertTrue(service.lastPublished(AGENT1).isEmpty());
        service.publish(AGENT1, payload("x"));
        assertFalse(service.lastPublished(AGENT1).orElseThrow().isBefore(before));
        assertTrue("another node", service.lastPublished(TEAM1).isEmpty());

        assertEquals(IQ.Type.result, ask(ALICE, IQ.Type.set, "<create node='/mine'/>").getType());
        assertTrue(service.lastPublished("/mine").isEmpty());
        assertEquals(IQ.Type.result, ask(ALICE, IQ.Type.set, "<publish node='/mine'><item><x xmlns='urn:t'/></item></publish>").getType());
        assertFalse(service.lastPublished("/mine").orElseThrow().isBefore(before));
    }

    // ---- access -----------------------------------------------------------------------------------

    @Test
    public void aDeniedSubscriptionGetsThePolicysConditionAndReasonAndSubscribesNobody() throws DocumentException {
        service.setAccessPolicy((subscriber, node) -> AccessDecision.denied(PacketError.Condition.forbidden, "not yours"));

        IQ error = ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='alice@example.com'/>");

        assertError(error, PacketError.Condition.forbidden, null);
        assertEquals("not yours", error.getError().getText());
        service.publish(AGENT1, payload("x"));
        assertTrue("nobody was subscribed", manager.sent.isEmpty());
    }

    @Test
    public void withoutAnyAccessPolicyNobodySubscribes() throws DocumentException {
        service.setAccessPolicy(null);

        IQ error = ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='alice@example.com'/>");

        assertError(error, PacketError.Condition.forbidden, null);
    }

    @Test
    public void itemsAreReadOnlyWithThePolicysConsent() throws DocumentException {
        service.publish(AGENT1, payload("secret"));
        service.setAccessPolicy((subscriber, node) -> subscriber.getNode().equals("bob")
                ? AccessDecision.allowed() : AccessDecision.denied(PacketError.Condition.forbidden, "not yours"));

        assertError(ask(ALICE, IQ.Type.get, "<items node='" + AGENT1 + "'/>"), PacketError.Condition.forbidden, null);
        assertResult(ask(BOB, IQ.Type.get, "<items node='" + AGENT1 + "'/>"), "sub_1");
    }

    // ---- subscribe ------------------------------------------------------------------------------

    @Test
    public void subscribeToAnExistingNodeIsSubscribed() throws DocumentException {
        IQ result = ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='alice@example.com'/>");

        assertResult(result, "sub_1");
        Element subscription = pubsub(result).element("subscription");
        assertEquals(AGENT1, subscription.attributeValue("node"));
        assertEquals("alice@example.com", subscription.attributeValue("jid"));
        assertEquals("subscribed", subscription.attributeValue("subscription"));
        assertNotNull(subscription.attributeValue("subid"));
    }

    @Test
    public void subscribingTwiceKeepsTheFirstSubscription() throws DocumentException {
        String first = pubsub(ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='alice@example.com'/>"))
                .element("subscription").attributeValue("subid");
        String second = pubsub(ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='alice@example.com'/>"))
                .element("subscription").attributeValue("subid");

        assertEquals(first, second);
        service.publish(AGENT1, payload("x"));
        assertEquals("one subscription, one notification", 1, manager.sent.size());
    }

    @Test
    public void subscribeToAMissingNodeIsItemNotFound() throws DocumentException {
        IQ error = ask(ALICE, IQ.Type.set, "<subscribe node='/no/such/node' jid='alice@example.com'/>");

        assertError(error, PacketError.Condition.item_not_found, null);
    }

    @Test
    public void subscribeWithoutANodeIsABadRequestWithNodeIdRequired() throws DocumentException {
        IQ error = ask(ALICE, IQ.Type.set, "<subscribe jid='alice@example.com'/>");

        assertError(error, PacketError.Condition.bad_request, "nodeid-required");
    }

    @Test
    public void subscribeForAnotherUsersJidIsABadRequestWithInvalidJid() throws DocumentException {
        IQ error = ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='bob@example.com'/>");

        assertError(error, PacketError.Condition.bad_request, "invalid-jid");
    }

    @Test
    public void subscribeWithoutAJidIsABadRequestWithJidRequired() throws DocumentException {
        IQ error = ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "'/>");

        assertError(error, PacketError.Condition.bad_request, "jid-required");
    }

    // ---- unsubscribe ----------------------------------------------------------------------------

    @Test
    public void unsubscribeEndsTheNotifications() throws DocumentException {
        ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='alice@example.com'/>");

        IQ result = ask(ALICE, IQ.Type.set, "<unsubscribe node='" + AGENT1 + "' jid='alice@example.com'/>");

        assertResult(result, "sub_1");
        service.publish(AGENT1, payload("x"));
        assertTrue("nobody to notify", manager.sent.isEmpty());
    }

    @Test
    public void unsubscribeWithTheRightSubidWorksAndWithAnotherIsInvalidSubid() throws DocumentException {
        IQ subscribed = ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='alice@example.com'/>");
        String subid = subscribed.getChildElement().element("subscription").attributeValue("subid");

        IQ wrong = ask(ALICE, IQ.Type.set, "<unsubscribe node='" + AGENT1 + "' jid='alice@example.com' subid='not-" + subid + "'/>");
        assertError(wrong, PacketError.Condition.not_acceptable, "invalid-subid");

        IQ result = ask(ALICE, IQ.Type.set, "<unsubscribe node='" + AGENT1 + "' jid='alice@example.com' subid='" + subid + "'/>");
        assertEquals(IQ.Type.result, result.getType());
        service.publish(AGENT1, payload("x"));
        assertTrue("nobody to notify", manager.sent.isEmpty());
    }

    @Test
    public void unsubscribeWithoutASubscriptionIsUnexpectedRequestNotSubscribed() throws DocumentException {
        IQ error = ask(ALICE, IQ.Type.set, "<unsubscribe node='" + AGENT1 + "' jid='alice@example.com'/>");

        assertError(error, PacketError.Condition.unexpected_request, "not-subscribed");
    }

    // ---- retrieve subscriptions -----------------------------------------------------------------

    @Test
    public void retrieveSubscriptionsListsOnlyTheRequestersOwn() throws DocumentException {
        ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='alice@example.com'/>");
        ask(ALICE, IQ.Type.set, "<subscribe node='" + TEAM1 + "' jid='alice@example.com/desktop'/>");
        ask(BOB, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='bob@example.com'/>");

        IQ result = ask(ALICE, IQ.Type.get, "<subscriptions/>");

        assertResult(result, "sub_1");
        Set<String> listed = new HashSet<>();
        for (Element subscription : pubsub(result).element("subscriptions").elements("subscription")) {
            listed.add(subscription.attributeValue("node") + " " + subscription.attributeValue("jid"));
            assertEquals("subscribed", subscription.attributeValue("subscription"));
        }
        assertEquals(Set.of(AGENT1 + " alice@example.com", TEAM1 + " alice@example.com/desktop"), listed);
    }

    @Test
    public void retrieveSubscriptionsOfOneNode() throws DocumentException {
        ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='alice@example.com'/>");
        ask(ALICE, IQ.Type.set, "<subscribe node='" + TEAM1 + "' jid='alice@example.com'/>");

        IQ result = ask(ALICE, IQ.Type.get, "<subscriptions node='" + TEAM1 + "'/>");

        List<Element> listed = pubsub(result).element("subscriptions").elements("subscription");
        assertEquals(1, listed.size());
        assertEquals(TEAM1, listed.get(0).attributeValue("node"));
    }

    // ---- service discovery ----------------------------------------------------------------------

    @Test
    public void discoInfoOfANodeIsALeaf() throws DocumentException {
        IQ result = discover(DISCO_INFO, AGENT1);

        assertResult(result, "disco_1");
        Element query = result.getChildElement();
        assertEquals(DISCO_INFO, query.getNamespaceURI());
        assertEquals(AGENT1, query.attributeValue("node"));
        Element identity = query.element("identity");
        assertEquals("pubsub", identity.attributeValue("category"));
        assertEquals("leaf", identity.attributeValue("type"));
    }

    @Test
    public void discoInfoOfAMissingNodeIsItemNotFound() throws DocumentException {
        assertError(discover(DISCO_INFO, "/no/such/node"), PacketError.Condition.item_not_found, null);
    }

    @Test
    public void discoInfoOfTheServiceIsAPubSubServiceWithItsFeatures() throws DocumentException {
        IQ result = discover(DISCO_INFO, null);

        Element query = result.getChildElement();
        Element identity = query.element("identity");
        assertEquals("pubsub", identity.attributeValue("category"));
        assertEquals("service", identity.attributeValue("type"));
        Set<String> features = new HashSet<>();
        query.elements("feature").forEach(feature -> features.add(feature.attributeValue("var")));
        Set<String> offered = new TreeSet<>(Set.of(DISCO_INFO, DISCO_ITEMS, NS));
        // each one is what a test proves: the access models in PubSubAccessModelTest and AccessModelsIT,
        // creation, configuration, affiliations, publish-options and the rest in PubSubOwnerTest,
        // subscriptions and items here, and all of them through Smack in PubSubProtocolIT and PubSubCreationIT
        for (String feature : List.of("access-authorize", "access-open", "access-presence", "access-roster",
                "access-whitelist", "auto-create", "config-node", "create-and-configure", "create-nodes", "delete-items",
                "delete-nodes", "instant-nodes", "item-ids", "last-published", "manage-subscriptions", "member-affiliation",
                "meta-data", "modify-affiliations", "outcast-affiliation", "persistent-items", "publish", "publish-options",
                "publisher-affiliation", "purge-nodes", "retract-items", "retrieve-affiliations", "retrieve-default",
                "retrieve-items", "retrieve-subscriptions", "subscribe", "subscription-notifications", "subscription-options")) {
            offered.add(NS + "#" + feature);
        }
        assertEquals("exactly what works", offered, new TreeSet<>(features));
        assertEquals("each once", features.size(), query.elements("feature").size());
    }

    @Test
    public void discoItemsListsTheNodesInOrder() throws DocumentException {
        IQ result = discover(DISCO_ITEMS, null);

        assertResult(result, "disco_1");
        List<String> nodes = new ArrayList<>();
        for (Element item : result.getChildElement().elements("item")) {
            assertEquals(SERVICE.toString(), item.attributeValue("jid"));
            nodes.add(item.attributeValue("node"));
        }
        assertEquals(List.of(TEAM1, AGENT1), nodes);
    }

    @Test
    public void discoItemsOfALeafIsEmpty() throws DocumentException {
        IQ result = discover(DISCO_ITEMS, AGENT1);

        assertEquals(AGENT1, result.getChildElement().attributeValue("node"));
        assertTrue(result.getChildElement().elements().isEmpty());
    }

    // ---- publish --------------------------------------------------------------------------------

    @Test
    public void publishSendsOneEventPerSubscriber() throws DocumentException {
        ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='alice@example.com/desktop'/>");
        ask(BOB, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='bob@example.com'/>");
        ask(BOB, IQ.Type.set, "<subscribe node='" + TEAM1 + "' jid='bob@example.com'/>");

        String itemId = service.publish(AGENT1, payload("READY"));

        assertNotNull(itemId);
        assertEquals("alice and bob, once each", 2, manager.sent.size());
        Set<JID> recipients = new HashSet<>();
        Set<String> messageIds = new HashSet<>();
        for (Packet packet : manager.sent) {
            Message message = (Message) packet;
            recipients.add(message.getTo());
            messageIds.add(message.getID());
            assertEquals(SERVICE, message.getFrom());
            assertNotNull(message.getID());
            Element event = message.getChildElement("event", EVENT_NS);
            assertNotNull(message.toXML(), event);
            Element items = event.element("items");
            assertEquals(AGENT1, items.attributeValue("node"));
            Element item = items.element("item");
            assertEquals(itemId, item.attributeValue("id"));
            Element notification = item.element("notification");
            assertEquals(NS, notification.getNamespaceURI());
            assertEquals("READY", notification.getText());
        }
        assertEquals(Set.of(ALICE, new JID("bob@example.com")), recipients);
        assertEquals("message ids are unique", 2, messageIds.size());
    }

    @Test
    public void itemsPublishedTogetherAreAllStoredBeforeAnyIsNotified() throws DocumentException {
        ask(BOB, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='bob@example.com'/>");
        ask(BOB, IQ.Type.set, "<subscribe node='" + TEAM1 + "' jid='bob@example.com'/>");

        List<String> ids = service.publish(List.of(new EventPublisher.Publication(AGENT1, payload("READY")),
                new EventPublisher.Publication(TEAM1, payload("READY"))));

        assertEquals(2, ids.size());
        assertEquals(2, manager.sent.size());
        assertEquals(List.of(ids.get(0)), storedItemIds(AGENT1));
        assertEquals(List.of(ids.get(1)), storedItemIds(TEAM1));

        manager.sent.clear();
        store.failing = true;
        assertThrows(StoreException.class, () -> service.publish(List.of(new EventPublisher.Publication(AGENT1, payload("TALKING")),
                new EventPublisher.Publication(TEAM1, payload("TALKING")))));
        store.failing = false;
        assertTrue("nobody heard of a batch that was not stored", manager.sent.isEmpty());
        assertEquals("nor does a reader find any of it", List.of(ids.get(0)), storedItemIds(AGENT1));
        assertEquals(1, pubsub(ask(BOB, IQ.Type.get, "<items node='" + TEAM1 + "'/>")).element("items").elements("item").size());
    }

    private List<String> storedItemIds(String node) {
        return store.load().stream().filter(stored -> stored.name().equals(node)).findFirst().orElseThrow()
                .items().stream().map(PubSubStore.StoredItem::id).toList();
    }

    @Test
    public void publishKeepsItsOwnCopyOfThePayload() throws DocumentException {
        Element payload = payload("READY");
        String itemId = service.publish(AGENT1, payload);

        payload.setText("changed by the caller afterwards");

        assertEquals(List.of(itemId + " READY"), items(ask(ALICE, IQ.Type.get, "<items node='" + AGENT1 + "'/>")));
    }

    @Test
    public void publishToAMissingNodeCreatesItWithTheConfiguredDefaults() throws DocumentException {
        service.activate(Configurations.of(PubSubConfiguration.class, "defaultMaxItems", 2));

        String first = service.publish("/new/node", payload("one"));
        String second = service.publish("/new/node", payload("two"));
        String third = service.publish("/new/node", payload("three"));

        assertEquals("two items kept, as configured", List.of(third + " three", second + " two"),
                items(ask(ALICE, IQ.Type.get, "<items node='/new/node'/>")));
        assertTrue(store.load().stream().anyMatch(node -> node.name().equals("/new/node")));
        assertTrue(first != null);
    }

    @Test
    public void aDefaultConfigurationThatIsNotAllowedIsRefusedNamingThePid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> service.activate(Configurations.of(PubSubConfiguration.class, "defaultAccessModel", "sideways")));

        assertTrue(e.getMessage(), e.getMessage().startsWith("io.switchboard.pubsub: "));
    }

    @Test
    public void createNodeOfAnExistingNodeKeepsItsSubscribers() throws DocumentException {
        ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='alice@example.com'/>");

        service.createNode(AGENT1);
        service.publish(AGENT1, payload("x"));

        assertEquals(1, manager.sent.size());
    }

    // ---- items ----------------------------------------------------------------------------------

    @Test
    public void itemsRetrievalHonoursMaxItemsNewestFirst() throws DocumentException {
        String first = service.publish(AGENT1, payload("1"));
        String second = service.publish(AGENT1, payload("2"));
        String third = service.publish(AGENT1, payload("3"));

        IQ result = ask(ALICE, IQ.Type.get, "<items node='" + AGENT1 + "' max_items='2'/>");

        assertResult(result, "sub_1");
        assertEquals(List.of(third + " 3", second + " 2"), items(result));
        assertEquals(List.of(third + " 3", second + " 2", first + " 1"),
                items(ask(ALICE, IQ.Type.get, "<items node='" + AGENT1 + "'/>")));
    }

    @Test
    public void itemsRetrievalKeepsTheLatestTen() throws DocumentException {
        for (int i = 1; i <= LeafNode.MAX_ITEMS + 2; i++) {
            service.publish(AGENT1, payload(String.valueOf(i)));
        }

        List<String> items = items(ask(ALICE, IQ.Type.get, "<items node='" + AGENT1 + "' max_items='100'/>"));

        assertEquals(LeafNode.MAX_ITEMS, items.size());
        assertTrue(items.get(0).endsWith(" 12"));
        assertTrue(items.get(LeafNode.MAX_ITEMS - 1).endsWith(" 3"));
    }

    @Test
    public void itemsRetrievalWithMaxItemsThatIsNotANumberIsABadRequest() throws DocumentException {
        IQ error = ask(ALICE, IQ.Type.get, "<items node='" + AGENT1 + "' max_items='all'/>");

        assertError(error, PacketError.Condition.bad_request, null);
    }

    // ---- what the service does not do -----------------------------------------------------------

    @Test
    public void subscribeWithTypeGetIsNotImplemented() throws DocumentException {
        IQ error = ask(ALICE, IQ.Type.get, "<subscribe node='" + AGENT1 + "' jid='alice@example.com'/>");

        assertUnsupported(error, "subscribe");
    }

    @Test
    public void pubsubWithoutAnActionIsABadRequest() throws DocumentException {
        assertError(ask(ALICE, IQ.Type.get, ""), PacketError.Condition.bad_request, null);
    }

    @Test
    public void anotherNamespaceIsServiceUnavailable() {
        IQ version = new IQ(IQ.Type.get, "v_1");
        version.setFrom(ALICE);
        version.setTo(SERVICE);
        version.setChildElement("query", "jabber:iq:version");

        service.processPacket(version);

        assertError(takeSent(), PacketError.Condition.service_unavailable, null);
    }

    @Test
    public void answersAndMessagesToTheServiceAreIgnored() {
        IQ answer = new IQ(IQ.Type.result, "r_1");
        answer.setFrom(ALICE);
        answer.setTo(SERVICE);
        Message message = new Message();
        message.setFrom(ALICE);
        message.setTo(SERVICE);
        message.setBody("hello");

        service.processPacket(answer);
        service.processPacket(message);

        assertTrue(manager.sent.isEmpty());
    }

    @Test
    public void nothingIsSentOnceShutDown() throws DocumentException {
        ask(ALICE, IQ.Type.set, "<subscribe node='" + AGENT1 + "' jid='alice@example.com'/>");

        service.shutdown();
        service.publish(AGENT1, payload("x"));

        assertTrue(manager.sent.isEmpty());
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Sends a pubsub IQ with this action and returns the one answer. */
    private IQ ask(JID from, IQ.Type type, String action) throws DocumentException {
        IQ request = new IQ(type, "sub_1");
        request.setFrom(from);
        request.setTo(SERVICE);
        request.setChildElement(parse("<pubsub xmlns='" + NS + "'>" + action + "</pubsub>"));
        service.processPacket(request);
        return takeSent();
    }

    private IQ discover(String namespace, String node) throws DocumentException {
        IQ request = new IQ(IQ.Type.get, "disco_1");
        request.setFrom(ALICE);
        request.setTo(SERVICE);
        String nodeAttribute = node == null ? "" : " node='" + node + "'";
        request.setChildElement(parse("<query xmlns='" + namespace + "'" + nodeAttribute + "/>"));
        service.processPacket(request);
        return takeSent();
    }

    private IQ takeSent() {
        assertEquals(manager.sent.toString(), 1, manager.sent.size());
        return (IQ) manager.sent.remove(0);
    }

    private static Element parse(String xml) throws DocumentException {
        return DocumentHelper.parseText(xml).getRootElement().createCopy();
    }

    private static Element payload(String text) {
        Element notification = DocumentHelper.createElement(org.dom4j.QName.get("notification", NS));
        notification.setText(text);
        return notification;
    }

    private static Element pubsub(IQ result) {
        Element pubsub = result.getChildElement();
        assertEquals("pubsub", pubsub.getName());
        assertEquals(NS, pubsub.getNamespaceURI());
        return pubsub;
    }

    /** Each item as "id text". */
    private static List<String> items(IQ result) {
        List<String> items = new ArrayList<>();
        for (Element item : pubsub(result).element("items").elements("item")) {
            items.add(item.attributeValue("id") + " " + item.element("notification").getText());
        }
        return items;
    }

    private static void assertResult(IQ result, String id) {
        assertEquals(result.toXML(), IQ.Type.result, result.getType());
        assertEquals(id, result.getID());
        assertEquals(SERVICE, result.getFrom());
    }

    /** An error reply to the requester, with the pubsub#errors child when one is named. */
    private static void assertError(IQ error, PacketError.Condition condition, String pubsubCondition) {
        assertEquals(error.toXML(), IQ.Type.error, error.getType());
        assertEquals(SERVICE, error.getFrom());
        assertNotEquals(SERVICE, error.getTo());
        assertEquals(condition, error.getError().getCondition());
        List<String> specific = new ArrayList<>();
        for (Element child : error.getError().getElement().elements()) {
            if (ERRORS_NS.equals(child.getNamespaceURI())) {
                specific.add(child.getName());
            }
        }
        assertEquals(error.toXML(), pubsubCondition == null ? List.of() : List.of(pubsubCondition), specific);
    }

    private static void assertUnsupported(IQ error, String feature) {
        assertError(error, PacketError.Condition.feature_not_implemented, "unsupported");
        Element unsupported = error.getError().getElement().element(org.dom4j.QName.get("unsupported", ERRORS_NS));
        assertEquals(feature, unsupported.attributeValue("feature"));
    }
}
