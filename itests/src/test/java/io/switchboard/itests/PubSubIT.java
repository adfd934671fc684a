package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.listener.ItemEventListener;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.jxmpp.jid.impl.JidCreate;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** Smack's PubSubManager drives XEP-0060 as a standard client does: create, publish, read, retract, purge, delete. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PubSubIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(PubSubIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent2");
    }

    private static PubSubManager pubsub(SmackDesktop desktop) throws Exception {
        return PubSubManager.getInstanceFor(desktop.connection, JidCreate.bareFrom("pubsub." + DOMAIN));
    }

    @Test
    public void anOwnerPublishesAndASubscriberReceivesReadsAndSeesItGo() throws Exception {
        try (SmackDesktop owner = SmackDesktop.of("agent1").login(); SmackDesktop reader = SmackDesktop.of("agent2").login()) {
            LeafNode created = pubsub(owner).createNode("/news");

            LeafNode news = pubsub(reader).getLeafNode("/news");
            List<String> received = new CopyOnWriteArrayList<>();
            ItemEventListener<PayloadItem<SimplePayload>> listener = event -> event.getItems()
                    .forEach(item -> received.add(item.getId() + " " + item.getPayload().toXML()));
            news.addItemEventListener(listener);
            news.subscribe(reader.connection.getUser());

            created.publish(new PayloadItem<>("first", new SimplePayload("<entry xmlns='urn:example:news'>hello</entry>")));
            await("the subscriber's notification").until(() -> received.stream().anyMatch(line -> line.startsWith("first ")
                    && line.contains("hello")));

            List<Item> stored = news.getItems();
            assertEquals(1, stored.size());
            assertEquals("first", stored.get(0).getId());

            try {
                news.publish(new PayloadItem<>("intruder", new SimplePayload("<entry xmlns='urn:example:news'>no</entry>")));
                fail("a subscriber published to another user's node");
            } catch (XMPPErrorException e) {
                assertEquals(StanzaError.Condition.forbidden, e.getStanzaError().getCondition());
            }

            created.deleteItem("first");
            assertTrue(news.getItems().isEmpty());
            created.publish(new PayloadItem<>("second", new SimplePayload("<entry xmlns='urn:example:news'>again</entry>")));
            created.deleteAllItems();
            assertTrue(news.getItems().isEmpty());

            assertTrue(pubsub(owner).deleteNode("/news"));
            try {
                news.getItems(); // (Smack caches the node object itself)
                fail("the node is still there");
            } catch (XMPPErrorException e) {
                assertEquals(StanzaError.Condition.item_not_found, e.getStanzaError().getCondition());
            }
        }
    }

    @Test
    public void theFinessePathsBelongToTheEventSources() throws Exception {
        try (SmackDesktop agent = SmackDesktop.of("agent1").login()) {
            try {
                pubsub(agent).createNode("/finesse/api/User/agent1/Mine");
                fail("a client created a Finesse node");
            } catch (XMPPErrorException e) {
                assertEquals(StanzaError.Condition.forbidden, e.getStanzaError().getCondition());
            }
        }
    }
}
