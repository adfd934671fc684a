package io.switchboard.pubsub.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.Before;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.testing.Configurations;
import io.switchboard.testing.TestServices;

/**
 * What a node's owner does (XEP-0060 sections 7 and 8): alice creates /news; bob subscribes.
 * The default Finesse policy is in force, so the Finesse paths stay the event sources'.
 */
public class PubSubOwnerTest {

    private static final String NS = "http://jabber.org/protocol/pubsub";
    private static final String OWNER = NS + "#owner";
    private static final JID SERVICE = new JID("pubsub.example.com");
    private static final JID ALICE = new JID("alice@example.com/desktop");
    private static final JID BOB = new JID("bob@example.com/desktop");

    private final RecordingComponentManager manager = new RecordingComponentManager();
    private final MemoryStore store = new MemoryStore();
    private final TestPubSub service = new TestPubSub(store);
    private int ids;

    @Before
    public void aliceCreatesNewsAndBobSubscribes() throws DocumentException {
        service.setAccessPolicy(new FinesseAccessPolicy(new TestServices().context(), Configurations.of(AccessPolicyConfiguration.class)));
        service.initialize(SERVICE, manager);
        assertEquals(IQ.Type.result, ask(ALICE, NS, "<create node='/news'/>").getType());
        assertEquals(IQ.Type.result, ask(BOB, NS, "<subscribe node='/news' jid='" + BOB + "'/>").getType());
        manager.sent.clear();
    }

    @Test
    public void theOwnerPublishesAndEverySubscriberGetsAHeadline() throws DocumentException {
        IQ result = ask(ALICE, NS, "<publish node='/news'><item id='first'><entry xmlns='urn:test'>hello</entry></item></publish>");

        assertEquals(IQ.Type.result, result.getType());
        assertEquals("first", result.getChildElement().element("publish").element("item").attributeValue("id"));
        Message event = (Message) manager.sent.get(1);
        assertEquals(BOB, event.getTo());
        assertEquals(Message.Type.headline, event.getType());
        Element item = event.getChildElement("event", NS + "#event").element("items").element("item");
        assertEquals("first", item.attributeValue("id"));
        assertEquals("hello", item.element("entry").getText());
    }

    @Test
    public void anItemWithoutIdGetsOne() throws DocumentException {
        IQ result = ask(ALICE, NS, "<publish node='/news'><item><entry xmlns='urn:test'/></item></publish>");

        assertTrue(result.getChildElement().element("publish").element("item").attributeValue("id").length() > 0);
    }

    @Test
    public void onlyTheOwnerPublishes() throws DocumentException {
        assertError(ask(BOB, NS, "<publish node='/news'><item><entry xmlns='urn:test'/></item></publish>"),
                PacketError.Condition.forbidden, null);
    }

    @Test
    public void aGrantedPublisherPublishesAndRetractsWithoutOwningTheNode() throws DocumentException {
        JID feed = new JID("acd.example.com");
        service.addPublisherGrant((publisher, node) -> publisher.equals(feed) && node.equals("/news"));

        assertEquals(IQ.Type.result, ask(feed, NS, "<publish node='/news'><item id='e1'><entry xmlns='urn:test'/></item></publish>").getType());
        assertEquals(BOB, manager.sent.get(1).getTo());
        assertEquals(IQ.Type.result, ask(feed, NS, "<retract node='/news'><item id='e1'/></retract>").getType());
        assertError(ask(BOB, NS, "<publish node='/news'><item><entry xmlns='urn:test'/></item></publish>"),
                PacketError.Condition.forbidden, null);
        assertError(ask(feed, OWNER, "<delete node='/news'/>"), PacketError.Condition.forbidden, null);
    }

    @Test
    public void aTransientNotificationOnlyNodeTakesAPublishWithoutItemAndRefusesOneWithAnItem() throws DocumentException {
        IQ created = ask(ALICE, NS, "<create node='/flash'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + NS + "#node_config</value></field>"
                + "<field var='pubsub#persist_items'><value>0</value></field>"
                + "<field var='pubsub#deliver_payloads'><value>0</value></field></x></configure>");
        assertEquals(created.toXML(), IQ.Type.result, created.getType());
        ask(BOB, NS, "<subscribe node='/flash' jid='" + BOB + "'/>");
        int before = manager.sent.size();

        IQ published = ask(ALICE, NS, "<publish node='/flash'/>");
        assertEquals(published.toXML(), IQ.Type.result, published.getType());
        String id = published.getChildElement().element("publish").element("item").attributeValue("id");
        Message event = (Message) manager.sent.stream().skip(before).filter(Message.class::isInstance).findFirst().orElseThrow();
        Element item = event.getChildElement("event", NS + "#event").element("items").element("item");
        assertEquals(id, item.attributeValue("id"));
        assertTrue("an id, no payload", item.elements().isEmpty());
        assertError(ask(ALICE, NS, "<publish node='/flash'><item id='x'><entry xmlns='urn:test'/></item></publish>"),
                PacketError.Condition.bad_request, "item-forbidden");
    }

    @Test
    public void whatWasAcknowledgedIsReadBackByTheNextServiceAsItWas() throws DocumentException {
        ask(ALICE, NS, "<publish node='/news'><item id='old'><entry xmlns='urn:test'>old</entry></item></publish>");
        ask(ALICE, NS, "<publish node='/news'><item id='new'><entry xmlns='urn:test'>new</entry></item></publish>");
        ask(ALICE, NS, "<create node='/gone'/>");
        ask(ALICE, OWNER, "<delete node='/gone'/>");

        TestPubSub restarted = new TestPubSub(store);
        restarted.setAccessPolicy(new FinesseAccessPolicy(new TestServices().context(), Configurations.of(AccessPolicyConfiguration.class)));
        RecordingComponentManager after = new RecordingComponentManager();
        restarted.initialize(SERVICE, after);

        IQ items = askOf(restarted, after, BOB, NS, "<items node='/news'/>");
        List<Element> kept = items.getChildElement().element("items").elements("item");
        assertEquals(List.of("new", "old"), kept.stream().map(item -> item.attributeValue("id")).toList());
        assertEquals("new", kept.get(0).element("entry").getText());
        IQ subscriptions = askOf(restarted, after, BOB, NS, "<subscriptions/>");
        assertEquals("/news", subscriptions.getChildElement().element("subscriptions").element("subscription").attributeValue("node"));
        assertEquals("still Alice's", IQ.Type.result, askOf(restarted, after, ALICE, NS,
                "<publish node='/news'><item><entry xmlns='urn:test'/></item></publish>").getType());
        assertError(askOf(restarted, after, ALICE, NS, "<items node='/gone'/>"), PacketError.Condition.item_not_found, null);
    }

    @Test
    public void whatCannotBeStoredIsRefusedAndNotMade() throws DocumentException {
        store.failing = true;
        assertError(ask(ALICE, NS, "<publish node='/news'><item id='lost'><entry xmlns='urn:test'/></item></publish>"),
                PacketError.Condition.internal_server_error, null);
        assertTrue("no notification of what was refused", manager.sent.size() == 1);
        store.failing = false;
        IQ items = ask(BOB, NS, "<items node='/news'/>");
        assertTrue(items.getChildElement().element("items").elements("item").isEmpty());
    }

    @Test
    public void aPublishNeedsAnItemWithOnePayload() throws DocumentException {
        assertError(ask(ALICE, NS, "<publish node='/news'/>"), PacketError.Condition.bad_request, "item-required");
        assertError(ask(ALICE, NS, "<publish node='/news'><item><a xmlns='urn:test'/><b xmlns='urn:test'/></item></publish>"),
                PacketError.Condition.bad_request, "invalid-payload");
    }

    @Test
    public void aSecondNodeOfTheSameNameIsAConflict() throws DocumentException {
        assertError(ask(BOB, NS, "<create node='/news'/>"), PacketError.Condition.conflict, null);
    }

    @Test
    public void aNamelessCreateMakesAnInstantNodeNamedInTheAnswerAndOwnedByItsCreator() throws DocumentException {
        IQ first = ask(BOB, NS, "<create/>");
        IQ second = ask(BOB, NS, "<create node=''/>");

        assertEquals(first.toXML(), IQ.Type.result, first.getType());
        String name = first.getChildElement().element("create").attributeValue("node");
        String other = second.getChildElement().element("create").attributeValue("node");
        assertTrue(name, name.length() >= 16);
        assertTrue(name + " and " + other, !name.equals(other));
        assertEquals(IQ.Type.result, ask(BOB, NS, "<publish node='" + name + "'><item><entry xmlns='urn:test'/></item></publish>").getType());
        assertError(ask(ALICE, NS, "<publish node='" + name + "'><item><entry xmlns='urn:test'/></item></publish>"),
                PacketError.Condition.forbidden, null);
        assertTrue("kept by the store", store.load().stream().anyMatch(node -> node.name().equals(name)));
    }

    private static String publishWithOptions(String node, String fields) {
        return "<publish node='" + node + "'><item id='p'><entry xmlns='urn:test'/></item></publish>"
                + "<publish-options><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + NS + "#publish-options</value></field>"
                + fields + "</x></publish-options>";
    }

    @Test
    public void aPublishWhosePreconditionsTheNodeMeetsIsPublished() throws DocumentException {
        IQ result = ask(ALICE, NS, publishWithOptions("/news", "<field var='pubsub#access_model'><value>open</value></field>"
                + "<field var='pubsub#persist_items'><value>1</value></field>"));

        assertEquals(result.toXML(), IQ.Type.result, result.getType());
        assertEquals(BOB, manager.sent.get(1).getTo());
    }

    @Test
    public void aPreconditionTheNodeDoesNotMeetIsAConflictAndNothingIsPublished() throws DocumentException {
        assertError(ask(ALICE, NS, publishWithOptions("/news", "<field var='pubsub#access_model'><value>whitelist</value></field>")),
                PacketError.Condition.conflict, "precondition-not-met");
        assertEquals("only the error", 1, manager.sent.size());
        assertTrue(ask(BOB, NS, "<items node='/news'/>").getChildElement().element("items").elements().isEmpty());
    }

    @Test
    public void anUnknownOptionIsABadRequestAndAnImpossibleValueNotAcceptable() throws DocumentException {
        assertError(ask(ALICE, NS, publishWithOptions("/news", "<field var='pubsub#no_such_option'><value>1</value></field>")),
                PacketError.Condition.bad_request, null);
        assertError(ask(ALICE, NS, publishWithOptions("/news", "<field var='pubsub#access_model'><value>everyone</value></field>")),
                PacketError.Condition.not_acceptable, null);
        assertError(ask(ALICE, NS, "<publish node='/news'><item><entry xmlns='urn:test'/></item></publish>"
                + "<publish-options><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE'><value>urn:other</value></field></x></publish-options>"),
                PacketError.Condition.bad_request, null);
    }

    @Test
    public void aPublishToAMissingNodeCreatesItForThePublisherWithTheOptions() throws DocumentException {
        IQ result = ask(BOB, NS, publishWithOptions("/bobs", "<field var='pubsub#access_model'><value>whitelist</value></field>"
                + "<field var='pubsub#max_items'><value>3</value></field>"));

        assertEquals(result.toXML(), IQ.Type.result, result.getType());
        IQ configuration = ask(BOB, OWNER, "<configure node='/bobs'/>");
        Map<String, String> fields = new HashMap<>();
        configuration.getChildElement().element("configure").element("x").elements("field")
                .forEach(field -> fields.put(field.attributeValue("var"), field.elementText("value")));
        assertEquals("whitelist", fields.get("pubsub#access_model"));
        assertEquals("3", fields.get("pubsub#max_items"));
        assertError(ask(ALICE, NS, "<items node='/bobs'/>"), PacketError.Condition.not_allowed, "closed-node");
        assertEquals(IQ.Type.result, ask(BOB, NS, "<publish node='/plain'><item><entry xmlns='urn:test'/></item></publish>").getType());
        assertError(ask(BOB, NS, "<publish node='/finesse/api/User/bob'><item><entry xmlns='urn:test'/></item></publish>"),
                PacketError.Condition.forbidden, null);
    }

    @Test
    public void thePepNodesInTheSameStoreAreNeitherReadBackNorCreatedHere() throws DocumentException {
        store.saveNode(new io.switchboard.api.pubsub.store.PubSubStore.StoredNode("pep:carol@example.com/urn:xmpp:tune",
                Map.of(), Map.of("carol@example.com", "owner"), List.of(), List.of()));
        assertError(ask(ALICE, NS, "<create node='pep:alice@example.com/mine'/>"), PacketError.Condition.forbidden, null);

        TestPubSub restarted = new TestPubSub(store);
        restarted.setAccessPolicy(new FinesseAccessPolicy(new TestServices().context(), Configurations.of(AccessPolicyConfiguration.class)));
        RecordingComponentManager after = new RecordingComponentManager();
        restarted.initialize(SERVICE, after);
        assertError(askOf(restarted, after, BOB, NS, "<items node='pep:carol@example.com/urn:xmpp:tune'/>"),
                PacketError.Condition.item_not_found, null);
    }

    @Test
    public void theFinessePathsAreTheEventSourcesOnly() throws DocumentException {
        assertError(ask(ALICE, NS, "<create node='/finesse/api/User/alice'/>"), PacketError.Condition.forbidden, null);
    }

    @Test
    public void aRetractWithNotifyTellsTheSubscribers() throws DocumentException {
        ask(ALICE, NS, "<publish node='/news'><item id='x'><entry xmlns='urn:test'/></item></publish>");
        manager.sent.clear();

        assertEquals(IQ.Type.result, ask(ALICE, NS, "<retract node='/news' notify='true'><item id='x'/></retract>").getType());

        Message event = (Message) manager.sent.get(1);
        assertEquals("x", event.getChildElement("event", NS + "#event").element("items").element("retract").attributeValue("id"));
        assertError(ask(ALICE, NS, "<retract node='/news'><item id='x'/></retract>"), PacketError.Condition.item_not_found, null);
    }

    @Test
    public void deletingANodeTellsTheSubscribersAndTheNodeIsGone() throws DocumentException {
        assertEquals(IQ.Type.result, ask(ALICE, OWNER, "<delete node='/news'/>").getType());

        Message event = (Message) manager.sent.get(1);
        assertEquals("/news", event.getChildElement("event", NS + "#event").element("delete").attributeValue("node"));
        assertError(ask(BOB, NS, "<subscribe node='/news' jid='" + BOB + "'/>"), PacketError.Condition.item_not_found, null);
    }

    @Test
    public void onlyTheOwnerDeletesOrPurges() throws DocumentException {
        assertError(ask(BOB, OWNER, "<delete node='/news'/>"), PacketError.Condition.forbidden, null);
        assertError(ask(BOB, OWNER, "<purge node='/news'/>"), PacketError.Condition.forbidden, null);
    }

    @Test
    public void purgingEmptiesTheNodeAndTellsTheSubscribers() throws DocumentException {
        ask(ALICE, NS, "<publish node='/news'><item id='x'><entry xmlns='urn:test'/></item></publish>");
        manager.sent.clear();

        assertEquals(IQ.Type.result, ask(ALICE, OWNER, "<purge node='/news'/>").getType());

        assertNotNull(((Message) manager.sent.get(1)).getChildElement("event", NS + "#event").element("purge"));
        assertTrue(ask(BOB, NS, "<items node='/news'/>").getChildElement().element("items").elements().isEmpty());
    }

    @Test
    public void itemsAreRetrievedById() throws DocumentException {
        ask(ALICE, NS, "<publish node='/news'><item id='a'><entry xmlns='urn:test'>A</entry></item></publish>");
        ask(ALICE, NS, "<publish node='/news'><item id='b'><entry xmlns='urn:test'>B</entry></item></publish>");

        List<Element> items = ask(BOB, NS, "<items node='/news'><item id='a'/></items>").getChildElement()
                .element("items").elements("item");

        assertEquals(1, items.size());
        assertEquals("A", items.get(0).element("entry").getText());
    }

    @Test
    public void aNodeConfiguredToSendTheLastItemSendsItRightAfterTheSubscriptionResult() throws DocumentException {
        ask(ALICE, NS, "<create node='/weather'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#node_config</value></field>"
                + "<field var='pubsub#send_last_published_item'><value>on_sub</value></field>"
                + "<field var='pubsub#max_items'><value>1</value></field></x></configure>");
        ask(ALICE, NS, "<publish node='/weather'><item id='old'><report xmlns='urn:test'>rain</report></item></publish>");
        ask(ALICE, NS, "<publish node='/weather'><item id='new'><report xmlns='urn:test'>sun</report></item></publish>");
        manager.sent.clear();

        ask(BOB, NS, "<subscribe node='/weather' jid='" + BOB + "'/>");

        assertEquals(2, manager.sent.size());
        assertEquals(IQ.Type.result, ((IQ) manager.sent.get(0)).getType());
        Element item = ((Message) manager.sent.get(1)).getChildElement("event", NS + "#event").element("items").element("item");
        assertEquals("new", item.attributeValue("id"));
        List<Element> kept = ask(BOB, NS, "<items node='/weather'/>").getChildElement().element("items").elements("item");
        assertEquals("max_items 1 keeps one", 1, kept.size());
    }

    @Test
    public void aNodesDiscoInfoCarriesItsMetaDataForm() throws DocumentException {
        IQ request = new IQ(IQ.Type.get, "info");
        request.setFrom(BOB);
        request.setTo(SERVICE);
        request.setChildElement("query", "http://jabber.org/protocol/disco#info").addAttribute("node", "/news");
        int before = manager.sent.size();
        service.processPacket(request);

        Element query = ((IQ) manager.sent.get(before)).getChildElement();
        assertEquals("leaf", query.element("identity").attributeValue("type"));
        Element form = query.element(QName.get("x", "jabber:x:data"));
        Map<String, String> fields = new HashMap<>();
        form.elements("field").forEach(field -> fields.put(field.attributeValue("var"), field.elementText("value")));
        assertEquals(NS + "#meta-data", fields.get("FORM_TYPE"));
        assertEquals("alice@example.com", fields.get("pubsub#owner"));
        assertEquals("1", fields.get("pubsub#num_subscribers"));
    }

    @Test
    public void aMaxItemsThatIsNoNumberIsNotAcceptable() throws DocumentException {
        assertError(ask(ALICE, NS, "<create node='/odd'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='pubsub#max_items'><value>many</value></field></x></configure>"),
                PacketError.Condition.not_acceptable, null);
    }

    /** Sends an IQ set in this namespace; returns the service's answer (the first stanza it sent). */
    private IQ ask(JID from, String namespace, String children) throws DocumentException {
        return askOf(service, manager, from, namespace, children);
    }

    private IQ askOf(TestPubSub service, RecordingComponentManager manager, JID from, String namespace, String children)
            throws DocumentException {
        IQ request = new IQ(IQ.Type.set, "q" + ++ids);
        request.setFrom(from);
        request.setTo(SERVICE);
        Element pubsub = DocumentHelper.parseText("<pubsub xmlns='" + namespace + "'>" + children + "</pubsub>").getRootElement();
        request.setChildElement(pubsub);
        if (children.startsWith("<items") || children.startsWith("<subscriptions") || children.matches("<configure node='[^']*'/>")) {
            request.setType(IQ.Type.get);
        }
        int before = manager.sent.size();
        service.processPacket(request);
        Packet answer = manager.sent.get(before);
        return (IQ) answer;
    }

    private static void assertError(IQ error, PacketError.Condition condition, String pubsubCondition) {
        assertEquals(error.toXML(), IQ.Type.error, error.getType());
        assertEquals(condition, error.getError().getCondition());
        if (pubsubCondition != null) {
            assertNotNull(error.toXML(), error.getError().getElement().element(QName.get(pubsubCondition, NS + "#errors")));
        }
    }
}
