package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.util.List;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.w3c.dom.Element;

/**
 * What the server offers follows the bundles installed, without a restart and without touching a
 * connected client: stop the pubsub bundle and pubsub.<domain> leaves disco#items (stanzas to it
 * get service-unavailable); stop presence-caps and ping leaves disco#info; start them and they return.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT {

    private static final String PING = "urn:xmpp:ping";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(HotSwapIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1");
    }

    @Test
    public void discoFollowsTheBundlesThatAreRunning() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.login("agent1", "desktop");
            assertEquals(List.of("pubsub." + DOMAIN), client.serverItems());
            assertEquals(true, features(client).contains(PING));

            Bundle pubsub = Server.bundle(context, "io.switchboard.pubsub");
            pubsub.stop();
            assertEquals(List.of(), client.serverItems());
            client.send("<iq xmlns='jabber:client' type='get' id='gone' to='pubsub." + DOMAIN + "'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            Element error = client.nextIgnoringEvents();
            assertEquals("error", Xml.attribute(error, "type"));
            assertNotNull(Xml.child(Xml.child(error, "error"), "service-unavailable"));
            pubsub.start();
            await("pubsub is back").until(() -> client.serverItems().equals(List.of("pubsub." + DOMAIN)));

            Bundle presence = Server.bundle(context, "io.switchboard.presence-caps");
            presence.stop();
            assertEquals(false, features(client).contains(PING));
            presence.start();
            await("ping is back").until(() -> features(client).contains(PING));
            client.ping("still-connected");
        }
    }

    private static List<String> features(RawXmppClient client) throws InterruptedException {
        Element answer = client.get(DOMAIN, "<query xmlns='http://jabber.org/protocol/disco#info'/>");
        return Xml.children(Xml.child(answer, "query"), "feature").stream().map(feature -> Xml.attribute(feature, "var")).toList();
    }
}
