package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.Subscription;
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
import org.w3c.dom.Element;

/**
 * Finesse subscribes every agent to its own nodes with no request from the desktop; a desktop that
 * also subscribes its full JID, as real Finesse desktops do, still gets each event exactly once.
 * The user is not one of the simulator's agents, so only this test publishes to its nodes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FinesseSubscriptionsIT {

    private static final String USER = "desk7";
    private static final List<String> NODES = List.of("/finesse/api/User/" + USER, "/finesse/api/User/" + USER + "/Dialogs",
            "/finesse/api/User/" + USER + "/Media/1", "/finesse/api/SystemInfo");
    private static final Pattern PUBLISHED = Pattern.compile("Published item (\\S+) to");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(FinesseSubscriptionsIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, USER);
    }

    /** Counts every item notification a connection receives, by node and item id. */
    private static final class Counter {
        final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

        void count(String xml) {
            Element event = Xml.child(Xml.parse(xml), "event");
            if (event == null) {
                return;
            }
            for (Element items : Xml.children(event, "items")) {
                for (Element item : Xml.children(items, "item")) {
                    received.computeIfAbsent(Xml.attribute(items, "node") + " " + Xml.attribute(item, "id"),
                            key -> new AtomicInteger()).incrementAndGet();
                }
            }
        }

        int times(String node, String id) {
            AtomicInteger count = received.get(node + " " + id);
            return count == null ? 0 : count.get();
        }
    }

    private static Counter counting(SmackDesktop desktop) {
        Counter counter = new Counter();
        desktop.connection.addSyncStanzaListener(stanza -> counter.count(stanza.toXML().toString()), StanzaTypeFilter.MESSAGE);
        return counter;
    }

    private String publish(String node, String text) throws Exception {
        String answer = Server.gogo(context, "switchboard:publish " + node + " '" + text + "'");
        Matcher matcher = PUBLISHED.matcher(answer);
        if (!matcher.find()) {
            throw new AssertionError("the operator's publish failed: " + answer);
        }
        return matcher.group(1);
    }

    @Test
    public void anAgentIsSubscribedToItsNodesAndADesktopsOwnSubscriptionDoesNotDoubleAnyEvent() throws Exception {
        try (SmackDesktop desktop = SmackDesktop.of(USER); SmackDesktop phone = SmackDesktop.over(SmackDesktop.Transport.STARTTLS, USER, null, "phone")) {
            Counter onDesktop = counting(desktop);
            desktop.login(); // Smack sends the initial presence: the user's first available resource
            PubSubManager pubsub = PubSubManager.getInstanceFor(desktop.connection, JidCreate.bareFrom("pubsub." + DOMAIN));
            String bare = USER + "@" + DOMAIN;
            await("the server's subscriptions of " + bare).until(() -> pubsub.getSubscriptions().stream()
                    .filter(subscription -> subscription.getJid().toString().equals(bare)
                            && subscription.getState() == Subscription.State.subscribed)
                    .map(Subscription::getNode).collect(Collectors.toSet()), Set.copyOf(NODES)::equals);

            // as a Finesse desktop does: its own full-JID subscription to its user node, and one to SystemInfo
            desktop.subscribe(NODES.get(0));
            desktop.subscribe(NODES.get(3));
            assertEquals(6, pubsub.getSubscriptions().size());

            Counter onPhone = counting(phone);
            AtomicBoolean phoneAvailable = new AtomicBoolean();
            // the server answers a resource's initial presence with finesse@'s: from then on it is available
            phone.connection.addSyncStanzaListener(stanza -> phoneAvailable.set(true), stanza -> stanza instanceof Presence
                    && stanza.getFrom() != null && "finesse".equals(String.valueOf(stanza.getFrom().getLocalpartOrNull())));
            phone.login(); // a second available resource: reached through the bare subscription only
            await("the phone available").untilTrue(phoneAvailable);

            List<String> sent = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String node : NODES) {
                    sent.add(node + " " + publish(node, "event " + round));
                }
            }
            String lastNode = NODES.get(NODES.size() - 1);
            String marker = publish(lastNode, "the last one");
            // notifications of one item go out one after another, before those of the next: once the last
            // item has arrived on both sessions, any second copy of an earlier one would have too
            await("the last event on the desktop").until(() -> onDesktop.times(lastNode, marker) > 0);
            await("the last event on the phone").until(() -> onPhone.times(lastNode, marker) > 0);
            sent.add(lastNode + " " + marker);
            for (String item : sent) {
                String[] nodeAndId = item.split(" ");
                assertEquals("the desktop's notifications of " + item, 1, onDesktop.times(nodeAndId[0], nodeAndId[1]));
                assertEquals("the phone's notifications of " + item, 1, onPhone.times(nodeAndId[0], nodeAndId[1]));
            }
        }
    }
}
