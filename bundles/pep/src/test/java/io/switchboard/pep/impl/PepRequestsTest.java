package io.switchboard.pep.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.presence.EntityCapabilities;
import io.switchboard.api.roster.RosterItem;
import io.switchboard.api.roster.Rosters;
import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.testing.FakeSessionRegistry;
import io.switchboard.testing.RecordingRouter;
import io.switchboard.testing.RecordingSession;

/**
 * Alice's PEP service: she publishes a tune; bob receives her presence (her roster says from),
 * carol does not. Who is told depends on each resource's caps ({@code tune+notify}).
 */
public class PepRequestsTest {

    private static final String NS = Namespaces.PUBSUB;
    private static final String TUNE = "http://jabber.org/protocol/tune";
    private static final JID ALICE = new JID("alice@example.com");
    private static final JID BOB = new JID("bob@example.com");

    private final MemoryStore store = new MemoryStore();
    private final FakeSessionRegistry sessions = new FakeSessionRegistry();
    private final Map<JID, Set<String>> verifiedCaps = new ConcurrentHashMap<>();
    private final EntityCapabilities caps = session -> Optional.ofNullable(verifiedCaps.get(session));
    private final Rosters rosters = (owner, contact) -> owner.asBareJID().equals(ALICE) && contact.asBareJID().equals(BOB)
            ? Optional.of(new RosterItem(BOB, null, RosterItem.Subscription.FROM, false, Set.of())) : Optional.empty();
    private final RecordingRouter router = new RecordingRouter("example.com");
    private PepNodes nodes = new PepNodes(store);
    private final PepAccess access = new PepAccess(() -> rosters);
    private PepRequests requests = new PepRequests(nodes, access, new PepAudience(sessions, () -> caps, access), new PepEvents());
    private final List<Packet> then = new ArrayList<>();
    private int ids;

    private RecordingSession online(String fullJid, String... features) {
        RecordingSession session = sessions.add(new RecordingSession(fullJid).available());
        verifiedCaps.put(session.address(), Set.of(features));
        return session;
    }

    /** A request from that resource to its own PEP service (no to), answered. */
    private IQ ask(String from, JID owner, IQ.Type type, String namespace, String children) throws DocumentException {
        IQ request = new IQ(type, "q" + ++ids);
        request.setFrom(new JID(from));
        request.setChildElement(DocumentHelper.parseText("<pubsub xmlns='" + namespace + "'>" + children + "</pubsub>").getRootElement());
        try {
            return requests.answer(request, owner, then);
        } catch (StanzaErrorException e) {
            return (IQ) e.replyTo(request);
        }
    }

    private IQ publishTune(String id, String title, String options) throws DocumentException {
        return ask("alice@example.com/phone", ALICE, IQ.Type.set, NS, "<publish node='" + TUNE + "'><item id='" + id + "'>"
                + "<tune xmlns='" + TUNE + "'><title>" + title + "</title></tune></item></publish>" + options);
    }

    private static String options(String fields) {
        return "<publish-options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>" + NS
                + "#publish-options</value></field>" + fields + "</x></publish-options>";
    }

    private static void assertError(IQ answer, PacketError.Condition condition, String specific) {
        assertEquals(answer.toXML(), IQ.Type.error, answer.getType());
        assertEquals(condition, answer.getError().getCondition());
        if (specific != null) {
            assertNotNull(answer.toXML(), answer.getError().getElement().element(QName.get(specific, Namespaces.ERRORS)));
        }
    }

    private List<String> toldTo() {
        return then.stream().map(packet -> packet.getTo().toString()).sorted().toList();
    }

    @Test
    public void theFirstPublishCreatesThePresenceNodeAndTellsTheResourcesThatAskAndMayRead() throws DocumentException {
        online("alice@example.com/phone", TUNE + "+notify");
        online("alice@example.com/tv");
        online("bob@example.com/desk", TUNE + "+notify");
        online("bob@example.com/watch");
        online("carol@example.com/desk", TUNE + "+notify");

        IQ result = publishTune("t1", "Yesterday", "");

        assertEquals(result.toXML(), IQ.Type.result, result.getType());
        assertEquals(List.of("alice@example.com/phone", "bob@example.com/desk"), toldTo());
        Message event = (Message) then.get(0);
        assertEquals(ALICE, event.getFrom());
        assertEquals(Message.Type.headline, event.getType());
        Element item = event.getChildElement("event", Namespaces.EVENT).element("items").element("item");
        assertEquals("t1", item.attributeValue("id"));
        assertEquals("Yesterday", item.element("tune").elementText("title"));
        assertEquals(PepConfig.AccessModel.PRESENCE, nodes.get(ALICE, TUNE).config().accessModel());
        assertTrue("stored under PEP's name", store.load().stream().anyMatch(node -> node.name().equals("pep:alice@example.com/" + TUNE)));
    }

    @Test
    public void itemsAreForTheOwnerAndThoseWhoReceiveItsPresence() throws DocumentException {
        publishTune("t1", "Yesterday", "");
        publishTune("t2", "Help", "");

        IQ bobs = ask("bob@example.com/desk", ALICE, IQ.Type.get, NS, "<items node='" + TUNE + "'/>");
        assertEquals(bobs.toXML(), IQ.Type.result, bobs.getType());
        assertEquals("max_items 1 by default: the newest", List.of("t2"), bobs.getChildElement().element("items").elements("item")
                .stream().map(item -> item.attributeValue("id")).toList());
        assertError(ask("carol@example.com/desk", ALICE, IQ.Type.get, NS, "<items node='" + TUNE + "'/>"),
                PacketError.Condition.not_authorized, "presence-subscription-required");
        assertError(ask("bob@example.com/desk", ALICE, IQ.Type.set, NS, "<publish node='" + TUNE + "'><item><tune xmlns='" + TUNE
                + "'/></item></publish>"), PacketError.Condition.forbidden, null);
        assertError(ask("bob@example.com/desk", ALICE, IQ.Type.get, NS, "<items node='urn:none'/>"), PacketError.Condition.item_not_found, null);
    }

    @Test
    public void publishOptionsCreateTheNodeAndArePreconditionsAfterwards() throws DocumentException {
        assertEquals(IQ.Type.result, publishTune("t1", "Open", options("<field var='pubsub#access_model'><value>open</value></field>"
                + "<field var='pubsub#max_items'><value>max</value></field>")).getType());
        assertEquals(IQ.Type.result, ask("carol@example.com/desk", ALICE, IQ.Type.get, NS, "<items node='" + TUNE + "'/>").getType());
        assertEquals(IQ.Type.result, publishTune("t2", "Open again", options("<field var='pubsub#access_model'><value>open</value></field>"))
                .getType());

        then.clear();
        online("bob@example.com/desk", TUNE + "+notify");
        assertError(publishTune("t3", "Closed", options("<field var='pubsub#access_model'><value>whitelist</value></field>")),
                PacketError.Condition.conflict, "precondition-not-met");
        assertTrue("nothing published, nobody told", then.isEmpty());
        assertError(publishTune("t3", "Odd", options("<field var='pubsub#color'><value>red</value></field>")),
                PacketError.Condition.bad_request, null);
        assertError(publishTune("t3", "Odd", options("<field var='pubsub#access_model'><value>roster</value></field>")),
                PacketError.Condition.not_acceptable, null);
    }

    @Test
    public void aWhitelistNodeIsTheOwnersAlone() throws DocumentException {
        online("alice@example.com/phone", TUNE + "+notify");
        online("bob@example.com/desk", TUNE + "+notify");

        publishTune("t1", "Mine", options("<field var='pubsub#access_model'><value>whitelist</value></field>"));

        assertEquals(List.of("alice@example.com/phone"), toldTo());
        assertError(ask("bob@example.com/desk", ALICE, IQ.Type.get, NS, "<items node='" + TUNE + "'/>"),
                PacketError.Condition.not_allowed, "closed-node");
    }

    @Test
    public void aPurgeEmptiesTheNodeForTheAudienceAndTheStore() throws DocumentException {
        online("bob@example.com/desk", TUNE + "+notify");
        publishTune("t1", "Yesterday", "");
        publishTune("t2", "Help", "");
        then.clear();

        assertError(ask("bob@example.com/desk", ALICE, IQ.Type.set, Namespaces.OWNER, "<purge node='" + TUNE + "'/>"),
                PacketError.Condition.forbidden, null);
        assertEquals(IQ.Type.result, ask("alice@example.com/phone", ALICE, IQ.Type.set, Namespaces.OWNER, "<purge node='" + TUNE + "'/>")
                .getType());
        assertEquals(TUNE, ((Message) then.get(0)).getChildElement("event", Namespaces.EVENT).element("purge").attributeValue("node"));
        assertTrue(ask("bob@example.com/desk", ALICE, IQ.Type.get, NS, "<items node='" + TUNE + "'/>").getChildElement()
                .element("items").elements().isEmpty());
        assertTrue("the store keeps no item", new PepNodes(store).get(ALICE, TUNE).latest(10).isEmpty());
    }

    @Test
    public void retractAndDeleteAreToldToTheAudienceAndKeptByTheStore() throws DocumentException {
        online("bob@example.com/desk", TUNE + "+notify");
        publishTune("t1", "Yesterday", "");
        then.clear();

        assertEquals(IQ.Type.result, ask("alice@example.com/phone", ALICE, IQ.Type.set, NS, "<retract node='" + TUNE + "'><item id='t1'/></retract>")
                .getType());
        assertEquals("t1", ((Message) then.get(0)).getChildElement("event", Namespaces.EVENT).element("items").element("retract")
                .attributeValue("id"));
        assertError(ask("alice@example.com/phone", ALICE, IQ.Type.set, NS, "<retract node='" + TUNE + "'><item id='t1'/></retract>"),
                PacketError.Condition.item_not_found, null);

        publishTune("t2", "Help", "");
        nodes = new PepNodes(store); // read back as at a restart
        requests = new PepRequests(nodes, access, new PepAudience(sessions, () -> caps, access), new PepEvents());
        assertEquals("t2", ask("bob@example.com/desk", ALICE, IQ.Type.get, NS, "<items node='" + TUNE + "'/>").getChildElement()
                .element("items").element("item").attributeValue("id"));

        then.clear();
        assertEquals(IQ.Type.result, ask("alice@example.com/phone", ALICE, IQ.Type.set, Namespaces.OWNER, "<delete node='" + TUNE + "'/>")
                .getType());
        assertNotNull(((Message) then.get(0)).getChildElement("event", Namespaces.EVENT).element("delete"));
        assertTrue(store.load().isEmpty());
    }

    @Test
    public void theOwnerConfiguresItsNodeWithAForm() throws DocumentException {
        publishTune("t1", "Yesterday", "");

        IQ form = ask("alice@example.com/phone", ALICE, IQ.Type.get, Namespaces.OWNER, "<configure node='" + TUNE + "'/>");
        assertEquals(form.toXML(), "presence", form.getChildElement().element("configure").element("x").elements("field").stream()
                .filter(field -> "pubsub#access_model".equals(field.attributeValue("var"))).findFirst().orElseThrow().elementText("value"));
        IQ set = ask("alice@example.com/phone", ALICE, IQ.Type.set, Namespaces.OWNER, "<configure node='" + TUNE + "'>"
                + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>" + NS + "#node_config</value></field>"
                + "<field var='pubsub#access_model'><value>open</value></field></x></configure>");
        assertEquals(set.toXML(), IQ.Type.result, set.getType());
        assertEquals(PepConfig.AccessModel.OPEN, nodes.get(ALICE, TUNE).config().accessModel());
        assertError(ask("bob@example.com/desk", ALICE, IQ.Type.get, Namespaces.OWNER, "<configure node='" + TUNE + "'/>"),
                PacketError.Condition.forbidden, null);
    }

    @Test
    public void aResourceWhoseCapsVerifyGetsTheLastItemsItAsksFor() throws DocumentException {
        publishTune("t1", "Yesterday", "");
        LastItems lastItems = new LastItems(nodes, access, new PepEvents(), router);

        lastItems.capsVerified(new JID("bob@example.com/desk"), Set.of(TUNE + "+notify"));
        lastItems.capsVerified(new JID("carol@example.com/desk"), Set.of(TUNE + "+notify")); // does not see alice
        lastItems.capsVerified(new JID("bob@example.com/watch"), Set.of("urn:xmpp:ping"));

        assertEquals(1, router.routed.size());
        Message last = (Message) router.routed.get(0);
        assertEquals(new JID("bob@example.com/desk"), last.getTo());
        assertEquals("t1", last.getChildElement("event", Namespaces.EVENT).element("items").element("item").attributeValue("id"));
    }

    @Test
    public void aResourceThatAsksLaterGetsTheLastItemOnceAndAgainOnlyAfterComingBack() throws DocumentException {
        publishTune("t1", "Yesterday", "");
        LastItems lastItems = new LastItems(nodes, access, new PepEvents(), router);
        JID watch = new JID("bob@example.com/watch");

        lastItems.capsVerified(watch, Set.of("urn:xmpp:ping"));
        assertEquals(0, router.routed.size());
        lastItems.capsVerified(watch, Set.of("urn:xmpp:ping", TUNE + "+notify")); // new caps announced later
        assertEquals(1, router.routed.size());
        lastItems.capsVerified(watch, Set.of(TUNE + "+notify", "jabber:iq:version")); // still asked: nothing new
        assertEquals(1, router.routed.size());
        lastItems.wentAway(watch);
        lastItems.capsVerified(watch, Set.of(TUNE + "+notify"));
        assertEquals(2, router.routed.size());
    }
}
