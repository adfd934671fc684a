package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.util.LinkedHashMap;
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

/**
 * The default access policy, user by node: an agent reads only its own user node, a team's node
 * is for that team's supervisor, and a denial is XEP-0060's {@code forbidden}. In the tests'
 * contact centre agent1 is in team 1, agent3 in team 2, administrator supervises team 1.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccessControlIT {

    private static final String USER = "/finesse/api/User/";
    private static final String TEAM_1 = "/finesse/api/Team/1/Users";
    private static final String TEAM_2 = "/finesse/api/Team/2/Users";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(AccessControlIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent3", "administrator");
    }

    @Test
    public void everySubscriptionIsAllowedOrForbiddenAsTheFinesseModelSays() throws Exception {
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        allowed.put("agent1", List.of(USER + "agent1"));
        allowed.put("agent3", List.of(USER + "agent3"));
        allowed.put("administrator", List.of(USER + "administrator", TEAM_1));
        List<String> nodes = List.of(USER + "agent1", USER + "agent3", USER + "administrator", TEAM_1, TEAM_2);

        for (Map.Entry<String, List<String>> user : allowed.entrySet()) {
            try (RawXmppClient client = RawXmppClient.connect()) {
                String jid = client.login(user.getKey(), "desktop");
                int id = 0;
                for (String node : nodes) {
                    client.send("<iq xmlns='jabber:client' type='set' id='s" + ++id + "' to='pubsub." + DOMAIN + "'>"
                            + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='" + node + "' jid='" + jid
                            + "'/></pubsub></iq>");
                    Element answer = client.nextIgnoringEvents();
                    String expected = user.getValue().contains(node) ? "result" : "error";
                    assertEquals(user.getKey() + " subscribing to " + node, expected, Xml.attribute(answer, "type"));
                    if ("error".equals(expected)) {
                        Element error = Xml.child(answer, "error");
                        assertEquals("auth", Xml.attribute(error, "type"));
                        assertNotNull(user.getKey() + " on " + node, Xml.child(error, "forbidden"));
                    }
                }
            }
        }
    }

    @Test
    public void itemsOfAnotherAgentsNodeCannotBeRead() throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.login("agent1", "desktop");
            client.send("<iq xmlns='jabber:client' type='get' id='peek' to='pubsub." + DOMAIN + "'>"
                    + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='" + USER + "agent3'/></pubsub></iq>");
            Element answer = client.nextIgnoringEvents();
            assertEquals("error", Xml.attribute(answer, "type"));
            assertNotNull(Xml.child(Xml.child(answer, "error"), "forbidden"));
        }
    }

    /** Agents read Finesse nodes; only the event sources write them: every write by an agent is forbidden. */
    @Test
    public void everyWriteToAFinesseNodeByAnAgentIsForbidden() throws Exception {
        String pubsub = "pubsub." + DOMAIN;
        List<String> writes = List.of(
                "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='NODE'><item><x xmlns='urn:test'/></item></publish></pubsub>",
                "<pubsub xmlns='http://jabber.org/protocol/pubsub'><retract node='NODE'><item id='any'/></retract></pubsub>",
                "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><purge node='NODE'/></pubsub>",
                "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><delete node='NODE'/></pubsub>");
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.login("administrator", "desktop");
            for (String node : List.of(USER + "administrator", USER + "agent1", TEAM_1, TEAM_2)) {
                for (String write : writes) {
                    Element answer = client.set(pubsub, write.replace("NODE", node));
                    assertEquals(write + " on " + node, "error", Xml.attribute(answer, "type"));
                    assertNotNull(write + " on " + node, Xml.child(Xml.child(answer, "error"), "forbidden"));
                }
            }
            Element create = client.set(pubsub, "<pubsub xmlns='http://jabber.org/protocol/pubsub'><create node='"
                    + USER + "administrator/Queues'/></pubsub>");
            assertNotNull("the Finesse paths are the event sources'", Xml.child(Xml.child(create, "error"), "forbidden"));
        }
    }
}
