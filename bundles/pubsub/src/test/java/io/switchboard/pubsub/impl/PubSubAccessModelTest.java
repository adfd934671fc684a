package io.switchboard.pubsub.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

import io.switchboard.api.roster.RosterItem;
import io.switchboard.testing.Configurations;
import io.switchboard.testing.TestServices;

/**
 * The access models, affiliations and configuration of a node alice owns, with rosters the test
 * sets: bob sees alice's presence and is in her group friends, carol is in group work and does not.
 */
public class PubSubAccessModelTest {

    private static final String NS = "http://jabber.org/protocol/pubsub";
    private static final String OWNER = NS + "#owner";
    private static final JID SERVICE = new JID("pubsub.example.com");
    private static final JID ALICE = new JID("alice@example.com/desktop");
    private static final JID BOB = new JID("bob@example.com/desktop");
    private static final JID CAROL = new JID("carol@example.com/desktop");

    private final RecordingComponentManager manager = new RecordingComponentManager();
    private final MemoryStore store = new MemoryStore();
    private final TestPubSub service = new TestPubSub(store);
    private final Map<String, RosterItem> roster = new HashMap<>();
    private int ids;

    @Before
    public void start() {
        service.setAccessPolicy(new FinesseAccessPolicy(new TestServices().context(), Configurations.of(AccessPolicyConfiguration.class)));
        service.setRosters((owner, contact) -> Optional.ofNullable(roster.get(owner.toBareJID() + " " + contact.toBareJID())));
        service.initialize(SERVICE, manager);
        roster.put("alice@example.com bob@example.com", new RosterItem(BOB.asBareJID(), null, RosterItem.Subscription.FROM, false,
                Set.of("friends")));
        roster.put("alice@example.com carol@example.com", new RosterItem(CAROL.asBareJID(), null, RosterItem.Subscription.TO, false,
                Set.of("work")));
    }

    private void create(String node, String accessModel, String extraFields) throws DocumentException {
        assertEquals(IQ.Type.result, ask(ALICE, NS, "<create node='" + node + "'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='pubsub#access_model'><value>" + accessModel + "</value></field>" + extraFields + "</x></configure>",
                IQ.Type.set).getType());
    }

    @Test
    public void presenceNeedsTheOwnersPresenceAndRosterAnAllowedGroup() throws DocumentException {
        create("/presence", "presence", "");
        create("/roster", "roster", "<field var='pubsub#roster_groups_allowed'><value>friends</value></field>");

        assertEquals(IQ.Type.result, subscribe(BOB, "/presence").getType());
        assertError(subscribe(CAROL, "/presence"), PacketError.Condition.not_authorized, "presence-subscription-required");
        assertEquals(IQ.Type.result, subscribe(BOB, "/roster").getType());
        assertError(subscribe(CAROL, "/roster"), PacketError.Condition.not_authorized, "not-in-roster-group");
        assertError(ask(CAROL, NS, "<items node='/roster'/>", IQ.Type.get), PacketError.Condition.not_authorized, "not-in-roster-group");

        service.setRosters(null);
        assertError(ask(BOB, NS, "<items node='/presence'/>", IQ.Type.get), PacketError.Condition.not_authorized,
                "presence-subscription-required");
        assertEquals("the owner reads whatever the model", IQ.Type.result, ask(ALICE, NS, "<items node='/presence'/>", IQ.Type.get).getType());
    }

    @Test
    public void aWhitelistIsItsMembersAndAnOutcastIsBlockedEverywhere() throws DocumentException {
        create("/members", "whitelist", "");
        create("/open", "open", "");
        assertError(subscribe(BOB, "/members"), PacketError.Condition.not_allowed, "closed-node");

        affiliate("/members", "bob@example.com", "member");
        affiliate("/open", "bob@example.com", "outcast");

        assertEquals(IQ.Type.result, subscribe(BOB, "/members").getType());
        assertError(subscribe(BOB, "/open"), PacketError.Condition.forbidden, null);
        assertError(ask(BOB, NS, "<publish node='/open'><item><x xmlns='urn:t'/></item></publish>", IQ.Type.set),
                PacketError.Condition.forbidden, null);
    }

    @Test
    public void anAuthorizeSubscriptionWaitsForTheOwnersAnswerAndIsKept() throws DocumentException {
        create("/ask", "authorize", "");

        IQ pending = subscribe(BOB, "/ask");
        Element subscription = pending.getChildElement().element("subscription");
        assertEquals("pending", subscription.attributeValue("subscription"));
        Message form = (Message) manager.sent.get(manager.sent.size() - 1);
        assertEquals(ALICE.asBareJID(), form.getTo());
        assertError(subscribe(BOB, "/ask"), PacketError.Condition.not_authorized, "pending-subscription");
        assertError(ask(BOB, NS, "<items node='/ask'/>", IQ.Type.get), PacketError.Condition.not_authorized, "not-subscribed");
        manager.sent.clear();
        ask(ALICE, NS, "<publish node='/ask'><item id='one'><x xmlns='urn:t'/></item></publish>", IQ.Type.set);
        assertTrue("a pending subscriber is not notified", manager.sent.stream()
                .noneMatch(packet -> packet instanceof Message && BOB.equals(packet.getTo())));

        manager.sent.clear();
        service.processPacket(answer(form, ALICE, true));
        Message told = (Message) manager.sent.get(0);
        assertEquals(BOB, told.getTo());
        assertEquals("subscribed", told.getChildElement("pubsub", NS).element("subscription").attributeValue("subscription"));
        assertEquals(IQ.Type.result, ask(BOB, NS, "<items node='/ask'/>", IQ.Type.get).getType());

        TestPubSub restarted = new TestPubSub(store);
        restarted.setAccessPolicy(new FinesseAccessPolicy(new TestServices().context(), Configurations.of(AccessPolicyConfiguration.class)));
        RecordingComponentManager other = new RecordingComponentManager();
        restarted.initialize(SERVICE, other);
        ids = 0;
        IQ items = askOf(restarted, other, BOB, NS, "<items node='/ask'/>", IQ.Type.get);
        assertEquals("the approval and the access model were stored", IQ.Type.result, items.getType());
        assertError(askOf(restarted, other, CAROL, NS, "<items node='/ask'/>", IQ.Type.get), PacketError.Condition.not_authorized,
                "not-subscribed");
    }

    @Test
    public void onlyAnOwnerAnswersAndADenialRemovesTheSubscription() throws DocumentException {
        create("/ask", "authorize", "");
        subscribe(CAROL, "/ask");
        Message form = (Message) manager.sent.get(manager.sent.size() - 1);

        manager.sent.clear();
        service.processPacket(answer(form, BOB, true));
        assertEquals(PacketError.Condition.forbidden, ((Message) manager.sent.get(0)).getError().getCondition());

        manager.sent.clear();
        service.processPacket(answer(form, ALICE, false));
        assertEquals("none", ((Message) manager.sent.get(0)).getChildElement("pubsub", NS).element("subscription")
                .attributeValue("subscription"));
        assertError(ask(CAROL, NS, "<unsubscribe node='/ask' jid='" + CAROL + "'/>", IQ.Type.set), PacketError.Condition.unexpected_request,
                "not-subscribed");
    }

    @Test
    public void configurationAndAffiliationsAreReadBackFromTheStore() throws DocumentException {
        create("/kept", "roster", "<field var='pubsub#roster_groups_allowed'><value>friends</value></field>"
                + "<field var='pubsub#max_items'><value>2</value></field>");
        affiliate("/kept", "bob@example.com", "publisher");

        TestPubSub restarted = new TestPubSub(store);
        restarted.setAccessPolicy(new FinesseAccessPolicy(new TestServices().context(), Configurations.of(AccessPolicyConfiguration.class)));
        RecordingComponentManager other = new RecordingComponentManager();
        restarted.initialize(SERVICE, other);
        IQ form = askOf(restarted, other, ALICE, OWNER, "<configure node='/kept'/>", IQ.Type.get);
        Map<String, String> values = new HashMap<>();
        for (Element field : form.getChildElement().element("configure").element(QName.get("x", "jabber:x:data")).elements("field")) {
            values.put(field.attributeValue("var"), field.elementTextTrim("value"));
        }
        assertEquals("roster", values.get("pubsub#access_model"));
        assertEquals("friends", values.get("pubsub#roster_groups_allowed"));
        assertEquals("2", values.get("pubsub#max_items"));
        assertEquals("a publisher publishes after the restart", IQ.Type.result, askOf(restarted, other, BOB, NS,
                "<publish node='/kept'><item><x xmlns='urn:t'/></item></publish>", IQ.Type.set).getType());
    }

    @Test
    public void invalidConfigurationsAreNotAcceptableAndCollectionsNotImplemented() throws DocumentException {
        assertError(ask(ALICE, NS, "<create node='/bad'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='pubsub#access_model'><value>everyone</value></field></x></configure>", IQ.Type.set),
                PacketError.Condition.not_acceptable, null);
        assertError(ask(ALICE, NS, "<create node='/bad'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='pubsub#notify_retract'><value>perhaps</value></field></x></configure>", IQ.Type.set),
                PacketError.Condition.not_acceptable, null);
        IQ collection = ask(ALICE, NS, "<create node='/bad'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='pubsub#node_type'><value>collection</value></field></x></configure>", IQ.Type.set);
        assertError(collection, PacketError.Condition.feature_not_implemented, "unsupported");
        assertEquals("collections", collection.getError().getElement().element(QName.get("unsupported", NS + "#errors"))
                .attributeValue("feature"));
        assertError(ask(ALICE, NS, "<items node='/bad'/>", IQ.Type.get), PacketError.Condition.item_not_found, null);
    }

    @Test
    public void itemsWithASubidThatIsNotTheRequestersAreNotAcceptable() throws DocumentException {
        create("/open", "open", "");
        String subid = subscribe(BOB, "/open").getChildElement().element("subscription").attributeValue("subid");

        assertEquals(IQ.Type.result, ask(BOB, NS, "<items node='/open' subid='" + subid + "'/>", IQ.Type.get).getType());
        assertError(ask(BOB, NS, "<items node='/open' subid='other'/>", IQ.Type.get), PacketError.Condition.not_acceptable, "invalid-subid");
        assertError(ask(CAROL, NS, "<items node='/open' subid='" + subid + "'/>", IQ.Type.get), PacketError.Condition.not_acceptable,
                "invalid-subid");
    }

    private IQ subscribe(JID who, String node) throws DocumentException {
        return ask(who, NS, "<subscribe node='" + node + "' jid='" + who + "'/>", IQ.Type.set);
    }

    private void affiliate(String node, String jid, String affiliation) throws DocumentException {
        assertEquals(IQ.Type.result, ask(ALICE, OWNER, "<affiliations node='" + node + "'><affiliation jid='" + jid + "' affiliation='"
                + affiliation + "'/></affiliations>", IQ.Type.set).getType());
    }

    private static Message answer(Message form, JID from, boolean allow) {
        Element x = form.getChildElement("x", "jabber:x:data").createCopy();
        x.addAttribute("type", "submit");
        for (Element field : x.elements("field")) {
            if ("pubsub#allow".equals(field.attributeValue("var"))) {
                field.element("value").setText(String.valueOf(allow));
            }
        }
        Message answer = new Message();
        answer.setFrom(from);
        answer.setTo(SERVICE);
        answer.getElement().add(x);
        return answer;
    }

    private IQ ask(JID from, String namespace, String children, IQ.Type type) throws DocumentException {
        return askOf(service, manager, from, namespace, children, type);
    }

    private IQ askOf(TestPubSub target, RecordingComponentManager recorder, JID from, String namespace, String children, IQ.Type type)
            throws DocumentException {
        IQ request = new IQ(type, "q" + ++ids);
        request.setFrom(from);
        request.setTo(SERVICE);
        request.setChildElement(DocumentHelper.parseText("<pubsub xmlns='" + namespace + "'>" + children + "</pubsub>").getRootElement());
        int before = recorder.sent.size();
        target.processPacket(request);
        Packet answer = recorder.sent.get(before);
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
