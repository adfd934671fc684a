package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

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

/** The limits every stream keeps whatever its transport: connections waiting to authenticate per address, stanzas per second. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamLimitsIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(StreamLimitsIT.class, Map.of("io.switchboard.stream", List.of(
                "maxStanzasPerSecond = 5", "stanzaBurst = 10", "maxUnauthenticatedPerAddress = 3")));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent2");
    }

    @Test
    public void anAddressMayHaveSoManyConnectionsWaitingToAuthenticate() throws Exception {
        List<RawTcpClient> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawTcpClient client = RawTcpClient.connectDirectTls();
                client.open(DOMAIN);
                waiting.add(client);
            }
            try (RawTcpClient oneTooMany = RawTcpClient.connectDirectTls()) {
                oneTooMany.send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='"
                        + RawXmppClient.STREAMS + "' to='" + DOMAIN + "' version='1.0'>");
                oneTooMany.readServerHeader();
                Element error = oneTooMany.next();
                assertEquals("error", Xml.name(error));
                assertNotNull(Xml.child(error, "policy-violation"));
            }
            // once one of them has logged in, there is room for another
            waiting.get(0).login("agent1", "desktop");
            try (RawTcpClient next = RawTcpClient.connectDirectTls()) {
                next.open(DOMAIN);
                next.login("agent2", "desktop");
                next.ping();
            }
        } finally {
            for (RawTcpClient client : waiting) {
                client.close();
            }
        }
    }

    @Test
    public void aBurstIsReadMoreSlowlyAndAFloodEndsTheStreamLeavingOthersAlone() throws Exception {
        try (RawXmppClient bystander = RawXmppClient.connect(); RawTcpClient client = RawTcpClient.connectDirectTls()) {
            bystander.login("agent2", "bystander");
            client.open(DOMAIN);
            client.login("agent1", "desktop");

            // a dozen at once: beyond the burst left after logging in, so read more slowly, but every one answered
            client.send(pings("burst", 12));
            for (int i = 0; i < 12; i++) {
                assertEquals("burst" + i, Xml.attribute(client.nextIgnoringEvents(), "id"));
            }

            // fifty at once: a whole burst beyond the rate even so
            client.send(pings("flood", 50));
            Element answer = client.next();
            while (answer != null && !isStreamError(answer)) { // the pings answered before the limit was reached
                answer = client.next();
            }
            assertNotNull("a stream error", answer);
            assertNotNull(Xml.child(answer, "policy-violation"));
            assertNull("the stream ends", client.next());

            bystander.ping("unaffected");
        }
    }

    @Test
    public void aFloodOverWebSocketEndsTheStreamToo() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.login("agent1", "web");
            for (int i = 0; i < 50; i++) {
                client.send("<iq xmlns='jabber:client' type='get' id='w" + i + "' to='" + DOMAIN + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            }
            Element answer = client.next();
            while (!isStreamError(answer)) {
                answer = client.next();
            }
            assertNotNull(Xml.child(answer, "policy-violation"));
        }
    }

    private static boolean isStreamError(Element element) {
        return "error".equals(Xml.name(element)) && RawXmppClient.STREAMS.equals(Xml.namespace(element));
    }

    private static String pings(String prefix, int count) {
        StringBuilder pings = new StringBuilder();
        for (int i = 0; i < count; i++) {
            pings.append("<iq type='get' id='").append(prefix).append(i).append("' to='").append(DOMAIN)
                    .append("'><ping xmlns='urn:xmpp:ping'/></iq>");
        }
        return pings.toString();
    }
}
