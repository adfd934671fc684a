package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.inject.Inject;
import javax.net.ssl.SSLContext;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.w3c.dom.Element;

/**
 * Stanzas to a desktop are queued and written in batches (WebSocket frames by the transport's
 * writers, TCP by Netty's consolidated flushes): a burst of items published to a node with many
 * subscribers (enough for the fan-out to be shared among threads) reaches every subscriber whole,
 * each item once and in the order published, and a close the desktop asks for after the burst
 * (or a stream error its bad input earns) comes after all of it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeliveryOrderIT {

    private static final int DESKTOPS = 80; // above the fan-out's two shares of 32
    private static final int ITEMS = 300;
    private static final String NODE = "/order/burst";
    private static final String TCP_NODE = "/order/burst-tcp";
    private static final String ERROR_NODE = "/order/burst-error";
    private static final String BOSH_NODE = "/order/burst-bosh";
    private static final String SUBSCRIBE = "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='%s' jid='%s'/></pubsub>";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(DeliveryOrderIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, IntStream.range(0, DESKTOPS).mapToObj(i -> "order" + i).toArray(String[]::new));
        Nodes.create(context, NODE, TCP_NODE, ERROR_NODE, BOSH_NODE);
    }

    @Test
    public void aBurstReachesEverySubscriberInOrderAndTheCloseComesLast() throws Exception {
        List<RawXmppClient> desktops = new ArrayList<>();
        try {
            for (int i = 0; i < DESKTOPS; i++) {
                RawXmppClient desktop = RawXmppClient.connect();
                desktops.add(desktop);
                String jid = desktop.login("order" + i, "desktop");
                Element answer = desktop.set("pubsub." + SwitchboardOptions.DOMAIN, String.format(SUBSCRIBE, NODE, jid));
                assertEquals(Xml.toString(answer), "result", Xml.attribute(answer, "type"));
            }

            List<String> published = Nodes.publish(context, NODE, ITEMS); // returns once every notification is queued
            desktops.forEach(desktop -> desktop.send("<close xmlns='" + RawXmppClient.FRAMING + "'/>"));

            for (RawXmppClient desktop : desktops) {
                List<String> received = new ArrayList<>();
                while (true) {
                    Element frame = desktop.next();
                    if ("close".equals(Xml.name(frame))) {
                        break;
                    }
                    addItemOf(NODE, frame, received);
                }
                assertEquals(published, received);
            }
        } finally {
            desktops.forEach(RawXmppClient::close);
        }
    }

    @Test
    public void overTcpToo() throws Exception {
        List<RawTcpClient> desktops = new ArrayList<>();
        try {
            List<String> published = burstOverTcp(TCP_NODE, desktops, "</stream:stream>");

            for (RawTcpClient desktop : desktops) {
                List<String> received = new ArrayList<>();
                for (Element stanza = desktop.next(); stanza != null; stanza = desktop.next()) { // null: the server's </stream:stream>
                    addItemOf(TCP_NODE, stanza, received);
                }
                assertEquals(published, received);
            }
        } finally {
            closeAll(desktops);
        }
    }

    /** A stream error the server raises while reading is written after what was queued before it, and last. */
    @Test
    public void aStreamErrorOverTcpComesAfterTheBurst() throws Exception {
        List<RawTcpClient> desktops = new ArrayList<>();
        try {
            List<String> published = burstOverTcp(ERROR_NODE, desktops, "<message><unclosed></message>");

            for (RawTcpClient desktop : desktops) {
                List<String> received = new ArrayList<>();
                Element stanza = desktop.next();
                for (; stanza != null && !"error".equals(Xml.name(stanza)); stanza = desktop.next()) {
                    addItemOf(ERROR_NODE, stanza, received);
                }
                assertEquals("items before the stream error", published.size(), received.size());
                assertEquals(published, received);
                assertNotNull("a stream error", stanza);
                assertNotNull(Xml.toString(stanza), Xml.child(stanza, "not-well-formed"));
                assertNull("nothing between the stream error and the stream's end", desktop.next());
            }
        } finally {
            closeAll(desktops);
        }
    }

    /**
     * Over BOSH the burst is batched: the request the desktop left waiting is answered with the
     * first stanzas, the rest wait for its next request, here the one that ends the session, whose
     * answer carries them.
     */
    @Test
    public void overBoshTheBurstComesInTheWaitingAnswerAndTheLast() throws Exception {
        List<RawBoshClient> desktops = new ArrayList<>();
        for (int i = 0; i < DESKTOPS; i++) {
            RawBoshClient desktop = new RawBoshClient();
            desktops.add(desktop);
            String jid = desktop.login("order" + i, "desktop");
            Element answer = Xml.child(desktop.send("<iq xmlns='jabber:client' type='set' id='sub' to='pubsub."
                    + SwitchboardOptions.DOMAIN + "'>" + String.format(SUBSCRIBE, BOSH_NODE, jid) + "</iq>"), "iq");
            assertEquals(Xml.toString(answer), "result", Xml.attribute(answer, "type"));
        }
        List<CompletableFuture<Element>> waiting = desktops.stream().map(desktop -> desktop.sendAsync("")).toList();

        List<String> published = Nodes.publish(context, BOSH_NODE, ITEMS);

        for (int i = 0; i < DESKTOPS; i++) {
            Element last = desktops.get(i).terminate();
            List<String> received = new ArrayList<>();
            for (Element body : List.of(waiting.get(i).get(30, TimeUnit.SECONDS), last)) {
                Xml.children(body, "message").forEach(stanza -> addItemOf(BOSH_NODE, stanza, received));
            }
            assertEquals("terminate", Xml.attribute(last, "type"));
            assertEquals("items in the two answers", published.size(), received.size());
            assertEquals(published, received);
        }
    }

    /** Desktops subscribed over TCP, a burst published, then each desktop's last words: the items published. */
    private List<String> burstOverTcp(String node, List<RawTcpClient> desktops, String lastWords) throws Exception {
        SSLContext tls = RawTcpClient.trustingTheServer();
        for (int i = 0; i < DESKTOPS; i++) {
            RawTcpClient desktop = RawTcpClient.connect();
            desktops.add(desktop);
            desktop.open(SwitchboardOptions.DOMAIN);
            desktop.startTls(tls);
            String jid = desktop.login("order" + i, "desktop");
            desktop.send("<iq type='set' id='sub' to='pubsub." + SwitchboardOptions.DOMAIN + "'>"
                    + String.format(SUBSCRIBE, node, jid) + "</iq>");
            Element answer = desktop.nextIgnoringEvents();
            assertEquals(Xml.toString(answer), "result", Xml.attribute(answer, "type"));
        }
        List<String> published = Nodes.publish(context, node, ITEMS);
        for (RawTcpClient desktop : desktops) {
            desktop.send(lastWords);
        }
        return published;
    }

    private static void closeAll(List<RawTcpClient> desktops) throws IOException {
        for (RawTcpClient desktop : desktops) {
            desktop.close();
        }
    }

    /** The item id of a notification from this node, if the stanza is one. */
    private static void addItemOf(String node, Element stanza, List<String> received) {
        Element event = Xml.child(stanza, "event");
        Element items = event == null ? null : Xml.child(event, "items");
        if (items != null && node.equals(Xml.attribute(items, "node"))) {
            received.add(Xml.attribute(Xml.child(items, "item"), "id"));
        }
    }
}
