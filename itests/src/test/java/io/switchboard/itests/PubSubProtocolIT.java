package io.switchboard.itests;

import static io.switchboard.itests.PubSubAsserts.assertError;
import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.pubsub.AccessModel;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.NodeType;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.form.ConfigureForm;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.jivesoftware.smackx.pubsub.form.FillableSubscribeForm;
import org.jivesoftware.smackx.pubsub.provider.AffiliationsProvider;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.w3c.dom.Element;

/**
 * XEP-0060 in depth, driven by Smack's PubSubManager as a standard client drives it: creating
 * with and without a configuration, the owner's configuration and the default one, items by id
 * and by number, retract, purge and delete with their notifications, subscriptions with full and
 * bare JIDs, with and without subid, subscription options, the entity's and the owner's
 * subscriptions and affiliations, and the errors XEP-0060 lists for each.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PubSubProtocolIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(PubSubProtocolIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "alice", "bob", "carol");
    }

    private static PubSubManager pubsub(SmackDesktop desktop) throws Exception {
        return PubSubManager.getInstanceFor(desktop.connection, JidCreate.bareFrom("pubsub." + DOMAIN));
    }

    private static BareJid bare(SmackDesktop desktop) {
        return desktop.connection.getUser().asBareJid();
    }

    private static Jid full(SmackDesktop desktop) {
        return desktop.connection.getUser();
    }

    private static PayloadItem<SimplePayload> entry(String id, String text) {
        return new PayloadItem<>(id, new SimplePayload("<entry xmlns='urn:example:news'>" + text + "</entry>"));
    }

    /**
     * What the desktop is told, a line per event: {@code item NODE ID PAYLOAD-TEXT}, {@code retract NODE ID},
     * {@code purge NODE}, {@code delete NODE}, {@code configuration NODE}, {@code subscription NODE JID STATE}.
     */
    private static List<String> events(SmackDesktop desktop) {
        List<String> events = new CopyOnWriteArrayList<>();
        desktop.connection.addSyncStanzaListener(stanza -> {
            Element message = Xml.parse(stanza.toXML().toString());
            for (Element child : Xml.children(message, "*")) {
                if ("event".equals(Xml.name(child))) {
                    for (Element event : Xml.children(child, "*")) {
                        String node = Xml.attribute(event, "node");
                        if ("items".equals(Xml.name(event))) {
                            Xml.children(event, "item").forEach(item -> events.add("item " + node + " " + Xml.attribute(item, "id")
                                    + " " + item.getTextContent().trim()));
                            Xml.children(event, "retract").forEach(retract -> events.add("retract " + node + " "
                                    + Xml.attribute(retract, "id")));
                        } else {
                            events.add(Xml.name(event) + " " + node);
                        }
                    }
                } else if ("pubsub".equals(Xml.name(child))) {
                    Element subscription = Xml.child(child, "subscription");
                    events.add("subscription " + Xml.attribute(subscription, "node") + " " + Xml.attribute(subscription, "jid") + " "
                            + Xml.attribute(subscription, "subscription"));
                }
            }
        }, StanzaTypeFilter.MESSAGE);
        return events;
    }

    private static List<String> ids(List<? extends Item> items) {
        return items.stream().map(Item::getId).toList();
    }

    @Test
    public void createWithAndWithoutConfigurationTheDefaultOneAndTheOwnersConfigure() throws Exception {
        try (SmackDesktop alice = SmackDesktop.of("alice").login(); SmackDesktop bob = SmackDesktop.of("bob").login()) {
            DiscoverInfo service = pubsub(alice).getSupportedFeatures();
            for (String feature : List.of("config-node", "create-and-configure", "retrieve-default", "manage-subscriptions",
                    "modify-affiliations", "retrieve-affiliations", "subscription-options", "access-authorize", "access-whitelist",
                    "access-presence", "access-roster", "outcast-affiliation", "persistent-items")) {
                assertTrue(feature, service.containsFeature("http://jabber.org/protocol/pubsub#" + feature));
            }
            assertFalse("no collections", service.containsFeature("http://jabber.org/protocol/pubsub#collections"));

            ConfigureForm defaults = pubsub(alice).getDefaultConfiguration();
            assertEquals(Integer.valueOf(10), defaults.getMaxItems());
            assertEquals(AccessModel.open, defaults.getAccessModel());
            assertTrue(defaults.isPersistItems());
            assertEquals(Boolean.TRUE, defaults.isDeliverPayloads());
            assertEquals(Boolean.TRUE, defaults.isNotifyRetract());

            LeafNode plain = pubsub(alice).createNode("/config/plain");
            ConfigureForm plainConfig = plain.getNodeConfiguration();
            assertEquals(Integer.valueOf(10), plainConfig.getMaxItems());
            assertEquals(AccessModel.open, plainConfig.getAccessModel());
            assertEquals("send_last_published_item", "never", plainConfig.getField("pubsub#send_last_published_item").getFirstValue());

            FillableConfigureForm asked = defaults.getFillableForm();
            asked.setMaxItems(2);
            asked.setTitle("Configured at creation");
            asked.setAccessModel(AccessModel.whitelist);
            asked.setDeliverPayloads(false);
            asked.setNotifyRetract(false);
            asked.setPersistentItems(true);
            pubsub(alice).createNode("/config/made", asked);
            ConfigureForm made = pubsub(alice).getLeafNode("/config/made").getNodeConfiguration();
            assertEquals(Integer.valueOf(2), made.getMaxItems());
            assertEquals("Configured at creation", made.getField("pubsub#title").getFirstValue());
            assertEquals(AccessModel.whitelist, made.getAccessModel());
            assertEquals(Boolean.FALSE, made.isDeliverPayloads());
            assertEquals(Boolean.FALSE, made.isNotifyRetract());

            FillableConfigureForm change = plainConfig.getFillableForm();
            change.setMaxItems(3);
            change.setNotifyDelete(false);
            change.setAnswer("pubsub#send_last_published_item", "on_sub");
            plain.sendConfigurationForm(change);
            ConfigureForm changed = plain.getNodeConfiguration();
            assertEquals(Integer.valueOf(3), changed.getMaxItems());
            assertEquals(Boolean.FALSE, changed.isNotifyDelete());
            assertEquals("on_sub", changed.getField("pubsub#send_last_published_item").getFirstValue());

            // the errors of XEP-0060 8.1.3 and 8.2.3
            assertError("creating an existing node", Condition.conflict, null, () -> pubsub(bob).createNode("/config/plain"));
            FillableConfigureForm collection = pubsub(alice).getDefaultConfiguration().getFillableForm();
            collection.setNodeType(NodeType.collection);
            assertError("a collection node", Condition.feature_not_implemented, "unsupported feature='collections'",
                    () -> pubsub(alice).createNode("/config/collection", collection));
            FillableConfigureForm invalid = plain.getNodeConfiguration().getFillableForm();
            invalid.setMaxItems(0);
            assertError("max_items 0", Condition.not_acceptable, null, () -> plain.sendConfigurationForm(invalid));
            LeafNode seenByBob = pubsub(bob).getLeafNode("/config/plain");
            assertError("configuring another's node", Condition.forbidden, null, seenByBob::getNodeConfiguration);
            FillableConfigureForm bobs = defaults.getFillableForm();
            bobs.setMaxItems(1);
            assertError("submitting to another's node", Condition.forbidden, null, () -> seenByBob.sendConfigurationForm(bobs));
            pubsub(alice).deleteNode("/config/made");
            assertError("a deleted node's configuration", Condition.item_not_found, null,
                    () -> pubsub(alice).getLeafNode("/config/made"));

            // the configuration is the store's: it survives the service's restart
            restartPubSub();
            ConfigureForm reread = pubsub(alice).getLeafNode("/config/plain").getNodeConfiguration();
            assertEquals(Integer.valueOf(3), reread.getMaxItems());
            assertEquals("on_sub", reread.getField("pubsub#send_last_published_item").getFirstValue());
        }
    }

    /** Stops and starts the pubsub bundle: what it knows afterwards, it read back from the store. */
    private void restartPubSub() throws Exception {
        for (Bundle bundle : context.getBundles()) {
            if ("io.switchboard.pubsub".equals(bundle.getSymbolicName())) {
                bundle.stop();
                bundle.start();
            }
        }
        Server.awaitReady(context);
        try (RawXmppClient probe = RawXmppClient.connect()) {
            probe.login("carol", "probe");
            await("the pubsub service back").until(() -> probe.serverItems().contains("pubsub." + DOMAIN));
        }
    }

    @Test
    public void itemsByIdAndByNumberRetractPurgeAndDeleteWithTheirNotifications() throws Exception {
        try (SmackDesktop alice = SmackDesktop.of("alice").login(); SmackDesktop bob = SmackDesktop.of("bob").login()) {
            FillableConfigureForm three = pubsub(alice).getDefaultConfiguration().getFillableForm();
            three.setMaxItems(3);
            LeafNode owned = (LeafNode) pubsub(alice).createNode("/items/three", three);
            LeafNode read = pubsub(bob).getLeafNode("/items/three");
            List<String> events = events(bob);
            read.subscribe(full(bob));

            for (int i = 1; i <= 5; i++) {
                owned.publish(entry("i" + i, "number " + i));
            }
            await("five notifications").until(() -> events.stream().filter(event -> event.startsWith("item /items/three ")).count() == 5);
            assertEquals("only the newest max_items are kept", List.of("i5", "i4", "i3"), ids(read.getItems()));
            assertEquals(List.of("i5", "i4"), ids(read.getItems(2)));
            assertEquals("by id: what is kept", List.of("i4"), ids(read.getItems(List.of("i4", "i1"))));
            PayloadItem<?> four = (PayloadItem<?>) read.getItems(List.of("i4")).get(0);
            assertTrue(four.getPayload().toXML().toString().contains("number 4"));

            owned.deleteItem("i4"); // notify_retract is on by default
            await("the retract notification").until(() -> events.contains("retract /items/three i4"));
            assertEquals(List.of("i5", "i3"), ids(read.getItems()));
            assertError("retracting what is gone", Condition.item_not_found, null, () -> owned.deleteItem("i4"));
            assertError("a subscriber retracting", Condition.forbidden, null, () -> read.deleteItem("i5"));

            owned.deleteAllItems();
            await("the purge notification").until(() -> events.contains("purge /items/three"));
            assertEquals(List.of(), read.getItems());
            assertError("a subscriber purging", Condition.forbidden, null, read::deleteAllItems);

            assertError("a subscriber deleting", Condition.forbidden, null, () -> pubsub(bob).deleteNode("/items/three"));
            assertTrue(pubsub(alice).deleteNode("/items/three"));
            await("the delete notification").until(() -> events.contains("delete /items/three"));
            assertError("items of a deleted node", Condition.item_not_found, null, read::getItems);
            assertFalse("deleting it again", pubsub(alice).deleteNode("/items/three"));
        }
    }

    @Test
    public void theLastItemOnSubscribeNotificationsWithoutPayloadsAndANodeThatKeepsNoItems() throws Exception {
        try (SmackDesktop alice = SmackDesktop.of("alice").login(); SmackDesktop bob = SmackDesktop.of("bob").login()) {
            FillableConfigureForm last = pubsub(alice).getDefaultConfiguration().getFillableForm();
            last.setAnswer("pubsub#send_last_published_item", "on_sub");
            LeafNode withLast = (LeafNode) pubsub(alice).createNode("/last/on-sub", last);
            withLast.publish(entry("old", "before you came"));
            withLast.publish(entry("newest", "the last one"));
            List<String> events = events(bob);
            pubsub(bob).getLeafNode("/last/on-sub").subscribe(full(bob));
            await("the last published item").until(() -> events.contains("item /last/on-sub newest the last one"));

            FillableConfigureForm bare = pubsub(alice).getDefaultConfiguration().getFillableForm();
            bare.setDeliverPayloads(false);
            LeafNode idsOnly = (LeafNode) pubsub(alice).createNode("/last/ids-only", bare);
            pubsub(bob).getLeafNode("/last/ids-only").subscribe(full(bob));
            idsOnly.publish(entry("quiet", "not in the notification"));
            await("the notification without its payload").until(() -> events.contains("item /last/ids-only quiet "));
            assertTrue("but kept", ids(pubsub(bob).getLeafNode("/last/ids-only").getItems()).contains("quiet"));

            FillableConfigureForm transientNode = pubsub(alice).getDefaultConfiguration().getFillableForm();
            transientNode.setPersistentItems(false);
            LeafNode fleeting = (LeafNode) pubsub(alice).createNode("/last/transient", transientNode);
            pubsub(bob).getLeafNode("/last/transient").subscribe(full(bob));
            fleeting.publish(entry("gone", "delivered, never kept"));
            await("the transient item delivered").until(() -> events.contains("item /last/transient gone delivered, never kept"));
            assertError("items of a node that keeps none", Condition.feature_not_implemented, "unsupported feature='persistent-items'",
                    () -> pubsub(bob).getLeafNode("/last/transient").getItems());
            assertError("purging a node that keeps none", Condition.feature_not_implemented, "unsupported feature='persistent-items'",
                    fleeting::deleteAllItems);
        }
    }

    @Test
    public void subscribeAndUnsubscribeWithFullAndBareJidsWithAndWithoutSubid() throws Exception {
        try (SmackDesktop alice = SmackDesktop.of("alice").login(); SmackDesktop bob = SmackDesktop.of("bob").login()) {
            pubsub(alice).createNode("/subs/news");
            LeafNode news = pubsub(bob).getLeafNode("/subs/news");

            Subscription byBare = news.subscribe(bare(bob));
            Subscription byFull = news.subscribe(full(bob));
            assertEquals(Subscription.State.subscribed, byBare.getState());
            assertEquals(bare(bob), byBare.getJid());
            assertEquals(full(bob), byFull.getJid());
            assertNotNull(byBare.getId());
            assertNotEquals("each subscription has its own subid", byBare.getId(), byFull.getId());
            assertEquals("subscribing again keeps the subscription", byFull.getId(), news.subscribe(full(bob)).getId());
            Map<String, String> mine = pubsub(bob).getSubscriptions().stream()
                    .filter(subscription -> "/subs/news".equals(subscription.getNode()))
                    .collect(Collectors.toMap(subscription -> subscription.getJid().toString(), Subscription::getId));
            assertEquals(Map.of(bare(bob).toString(), byBare.getId(), full(bob).toString(), byFull.getId()), mine);
            assertEquals(2, news.getSubscriptions().size());

            // XEP-0060 6.1.3 and 6.2.3
            assertError("subscribing another's JID", Condition.bad_request, "invalid-jid", () -> news.subscribe(bare(alice)));
            assertError("subscribing to no node", Condition.item_not_found, null,
                    () -> pubsub(bob).getLeafNode("/subs/none").subscribe(full(bob)));
            assertError("unsubscribing another's JID", Condition.forbidden, null, () -> news.unsubscribe(bare(alice).toString()));
            assertError("another subscription's subid", Condition.not_acceptable, "invalid-subid",
                    () -> news.unsubscribe(bare(bob).toString(), byFull.getId()));

            news.unsubscribe(full(bob).toString()); // without subid: there is one subscription per JID
            news.unsubscribe(bare(bob).toString(), byBare.getId());
            assertError("unsubscribing when not subscribed", Condition.unexpected_request, "not-subscribed",
                    () -> news.unsubscribe(full(bob).toString()));
            assertEquals(List.of(), news.getSubscriptions());
        }
    }

    @Test
    public void subscriptionOptionsGetAndSet() throws Exception {
        try (SmackDesktop alice = SmackDesktop.of("alice").login(); SmackDesktop bob = SmackDesktop.of("bob").login()) {
            LeafNode owned = pubsub(alice).createNode("/options/news");
            LeafNode news = pubsub(bob).getLeafNode("/options/news");
            List<String> events = events(bob);
            Subscription subscription = news.subscribe(full(bob));

            assertTrue("delivery is on", news.getSubscriptionOptions(full(bob).toString()).isDeliverOn());
            FillableSubscribeForm pause = news.getSubscriptionOptions(full(bob).toString(), subscription.getId()).getFillableForm();
            pause.setDeliverOn(false);
            assertEquals("setting options keeps the subscription", subscription.getId(), news.subscribe(full(bob), pause).getId());
            assertFalse(news.getSubscriptionOptions(full(bob).toString()).isDeliverOn());
            owned.publish(entry("paused", "not delivered"));

            FillableSubscribeForm resume = news.getSubscriptionOptions(full(bob).toString()).getFillableForm();
            resume.setDeliverOn(true);
            news.subscribe(full(bob), resume);
            owned.publish(entry("resumed", "delivered"));
            await("the item after resuming").until(() -> events.contains("item /options/news resumed delivered"));
            assertFalse("nothing while paused", events.stream().anyMatch(event -> event.startsWith("item /options/news paused")));

            // XEP-0060 6.3.4
            assertError("options of another's JID", Condition.forbidden, null, () -> news.getSubscriptionOptions(full(alice).toString()));
            assertError("options without a subscription", Condition.unexpected_request, "not-subscribed",
                    () -> news.getSubscriptionOptions(bare(bob).toString()));
            assertError("options with another subid", Condition.not_acceptable, "invalid-subid",
                    () -> news.getSubscriptionOptions(full(bob).toString(), "not-the-subid"));
        }
    }

    @Test
    public void entityAndOwnerSubscriptionsAndAffiliations() throws Exception {
        try (SmackDesktop alice = SmackDesktop.of("alice").login(); SmackDesktop bob = SmackDesktop.of("bob").login();
                SmackDesktop carol = SmackDesktop.of("carol").login()) {
            LeafNode owned = pubsub(alice).createNode("/manage/team");
            LeafNode bobs = pubsub(bob).getLeafNode("/manage/team");
            LeafNode carols = pubsub(carol).getLeafNode("/manage/team");
            List<String> carolsEvents = events(carol);
            bobs.subscribe(full(bob));

            // the owner's subscriptions (8.8): list, add one for carol, remove bob's
            assertEquals(List.of(full(bob)), owned.getSubscriptionsAsOwner().stream().map(Subscription::getJid).toList());
            owned.modifySubscriptionsAsOwner(List.of(new Subscription(bare(carol), Subscription.State.subscribed)));
            await("carol told of her subscription").until(() -> carolsEvents.contains("subscription /manage/team " + bare(carol) + " subscribed"));
            owned.modifySubscriptionsAsOwner(List.of(new Subscription(full(bob), Subscription.State.none)));
            assertEquals(List.of(bare(carol)), owned.getSubscriptionsAsOwner().stream().map(Subscription::getJid).toList());
            assertError("another's subscriptions", Condition.forbidden, null, bobs::getSubscriptionsAsOwner);

            // the owner's affiliations (8.9) and what each one may do
            assertEquals(Map.of(bare(alice), Affiliation.Type.owner), affiliations(owned));
            owned.modifyAffiliationAsOwner(List.of(new Affiliation(bare(bob), Affiliation.Type.publisher),
                    new Affiliation(bare(carol), Affiliation.Type.outcast)));
            assertEquals(Map.of(bare(alice), Affiliation.Type.owner, bare(bob), Affiliation.Type.publisher,
                    bare(carol), Affiliation.Type.outcast), affiliations(owned));
            bobs.publish(entry("by-bob", "a publisher publishes"));
            assertEquals("an outcast loses its subscriptions", List.of(), owned.getSubscriptionsAsOwner());
            assertError("an outcast subscribing", Condition.forbidden, null, () -> carols.subscribe(full(carol)));
            assertError("an outcast reading", Condition.forbidden, null, carols::getItems);
            assertError("a publisher configuring", Condition.forbidden, null, bobs::getNodeConfiguration);
            assertError("a publisher managing affiliations", Condition.forbidden, null, bobs::getAffiliationsAsOwner);

            // the entity's own affiliations (5.7)
            assertEquals(List.of(Affiliation.Type.publisher), bobs.getAffiliations().stream().map(Affiliation::getAffiliation).toList());
            assertTrue(pubsub(bob).getAffiliations().stream()
                    .anyMatch(affiliation -> "/manage/team".equals(affiliation.getNode())
                            && affiliation.getAffiliation() == Affiliation.Type.publisher));

            owned.modifyAffiliationAsOwner(List.of(new Affiliation(bare(bob), Affiliation.Type.member),
                    new Affiliation(bare(carol), Affiliation.Type.none)));
            assertError("a member publishing", Condition.forbidden, null, () -> bobs.publish(entry("by-member", "no")));
            carols.subscribe(full(carol));
            assertError("leaving the node without an owner", Condition.not_acceptable, null,
                    () -> owned.modifyAffiliationAsOwner(List.of(new Affiliation(bare(alice), Affiliation.Type.none))));

            // a second owner may do what the first does; the affiliations survive the service's restart
            owned.modifyAffiliationAsOwner(List.of(new Affiliation(bare(bob), Affiliation.Type.owner)));
            restartPubSub();
            assertEquals(Map.of(bare(alice), Affiliation.Type.owner, bare(bob), Affiliation.Type.owner), affiliations(owned));
            assertEquals(1, pubsub(bob).getLeafNode("/manage/team").getSubscriptionsAsOwner().size());
        }
    }

    private static Map<BareJid, Affiliation.Type> affiliations(LeafNode node) throws Exception {
        // Smack 4.5 registers no provider for <affiliations/> in the owner namespace (only for its children): the client's gap
        ProviderManager.addExtensionProvider("affiliations", "http://jabber.org/protocol/pubsub#owner", new AffiliationsProvider());
        return node.getAffiliationsAsOwner().stream().collect(Collectors.toMap(Affiliation::getJid, Affiliation::getAffiliation));
    }

    /** What Smack cannot send: the raw requests of the remaining error cases. */
    @Test
    public void theRemainingErrorsOverRawXmpp() throws Exception {
        String pubsub = "pubsub." + DOMAIN;
        String ns = "http://jabber.org/protocol/pubsub";
        try (RawXmppClient client = RawXmppClient.connect()) {
            String jid = client.login("alice", "raw");
            assertEquals("result", Xml.attribute(client.set(pubsub, "<pubsub xmlns='" + ns + "'><create node='/raw'/></pubsub>"), "type"));
            assertEquals("result", Xml.attribute(client.set(pubsub, "<pubsub xmlns='" + ns + "'><subscribe node='/raw' jid='" + jid
                    + "'/></pubsub>"), "type"));

            assertRawError(client.set(pubsub, "<pubsub xmlns='" + ns + "'><subscribe node='/raw' jid='not@@valid'/></pubsub>"),
                    "bad-request", "invalid-jid");
            assertRawError(client.set(pubsub, "<pubsub xmlns='" + ns + "'><subscribe jid='" + jid + "'/></pubsub>"),
                    "bad-request", "nodeid-required");
            assertRawError(client.set(pubsub, "<pubsub xmlns='" + ns + "'><options node='/raw' jid='" + jid + "'>"
                    + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>" + ns + "#subscribe_options</value></field>"
                    + "<field var='pubsub#digest'><value>1</value></field></x></options></pubsub>"), "bad-request", "invalid-options");
            assertRawError(client.set(pubsub, "<pubsub xmlns='" + ns + "'><publish node='/raw'><item/></publish></pubsub>"),
                    "bad-request", "payload-required");
            assertRawError(client.set(pubsub, "<pubsub xmlns='" + ns + "'><publish node='/raw'/></pubsub>"), "bad-request", "item-required");
            Element unknown = client.set(pubsub, "<pubsub xmlns='" + ns + "'><frobnicate node='/raw'/></pubsub>");
            assertRawError(unknown, "feature-not-implemented", "unsupported");
            assertEquals("frobnicate", Xml.attribute(Xml.child(Xml.child(unknown, "error"), "unsupported"), "feature"));
        }
    }

    private static void assertRawError(Element answer, String condition, String specific) {
        assertEquals(Xml.toString(answer), "error", Xml.attribute(answer, "type"));
        Element error = Xml.child(answer, "error");
        assertNotNull(Xml.toString(answer), Xml.child(error, condition));
        Element pubsubError = Xml.child(error, specific);
        assertNotNull(Xml.toString(answer), pubsubError);
        assertEquals(PubSubAsserts.ERRORS, Xml.namespace(pubsubError));
    }
}
