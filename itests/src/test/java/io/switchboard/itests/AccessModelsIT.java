package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.util.ArrayList;
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
 * XEP-0060's access models as an ACL matrix: users x nodes x operations (subscribe, retrieve
 * items), every allowed and every denied case with its exact error. Alice owns every node; in her
 * roster bob sees her presence (subscription from) in group friends, carol is in group work and
 * does not (subscription to), dave is not there at all but is a member of the whitelist node and an
 * outcast of the open one. The Finesse policy still decides the /finesse/ nodes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccessModelsIT {

    private static final String PUBSUB = "pubsub." + DOMAIN;
    private static final String NS = "http://jabber.org/protocol/pubsub";
    private static final List<String> USERS = List.of("alice", "bob", "carol", "dave");
    private static final String ITEMS = "<pubsub xmlns='" + NS + "'><items node='/acl/approve'/></pubsub>";

    private static final String OK = "subscribed";
    private static final String PENDING = "pending";
    private static final String OUTCAST = "forbidden";
    private static final String NO_PRESENCE = "not-authorized presence-subscription-required";
    private static final String NOT_IN_GROUP = "not-authorized not-in-roster-group";
    private static final String CLOSED = "not-allowed closed-node";
    private static final String NOT_SUBSCRIBED = "not-authorized not-subscribed";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(AccessModelsIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, USERS.toArray(new String[0]));
    }

    /** One node of the matrix: what each user gets when it subscribes, and when it then reads the items. */
    private record Row(String node, String model, Map<String, String> subscribe, Map<String, String> items) {
    }

    private static Map<String, String> each(String alice, String bob, String carol, String dave) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("alice", alice);
        expected.put("bob", bob);
        expected.put("carol", carol);
        expected.put("dave", dave);
        return expected;
    }

    @Test
    public void everyUserOnEveryNodeForEveryOperation() throws Exception {
        TestRosters rosters = TestRosters.register(context)
                .put("alice@" + DOMAIN, "bob@" + DOMAIN, "from", "friends")
                .put("alice@" + DOMAIN, "carol@" + DOMAIN, "to", "work");
        try {
            List<Row> matrix = List.of(
                    new Row("/acl/open", "open", each(OK, OK, OK, OUTCAST), each("result", "result", "result", OUTCAST)),
                    new Row("/acl/presence", "presence", each(OK, OK, NO_PRESENCE, NO_PRESENCE),
                            each("result", "result", NO_PRESENCE, NO_PRESENCE)),
                    new Row("/acl/roster", "roster", each(OK, OK, NOT_IN_GROUP, NOT_IN_GROUP),
                            each("result", "result", NOT_IN_GROUP, NOT_IN_GROUP)),
                    new Row("/acl/whitelist", "whitelist", each(OK, CLOSED, CLOSED, OK), each("result", CLOSED, CLOSED, "result")),
                    new Row("/acl/authorize", "authorize", each(OK, PENDING, PENDING, PENDING),
                            each("result", NOT_SUBSCRIBED, NOT_SUBSCRIBED, NOT_SUBSCRIBED)),
                    // the Finesse policy decides the Finesse nodes: a user node is its own user's only
                    new Row("/finesse/api/User/agent1", "finesse", each(OUTCAST, OUTCAST, OUTCAST, OUTCAST),
                            each(OUTCAST, OUTCAST, OUTCAST, OUTCAST)));

            try (RawXmppClient alice = RawXmppClient.connect()) {
                alice.login("alice", "owner");
                for (Row row : matrix.subList(0, 5)) {
                    assertEquals("creating " + row.node(), "result", Xml.attribute(alice.set(PUBSUB, create(row.node(), row.model())), "type"));
                }
                affiliate(alice, "/acl/whitelist", "dave", "member");
                affiliate(alice, "/acl/open", "dave", "outcast");
            }

            List<String> failures = new ArrayList<>();
            for (String user : USERS) {
                try (RawXmppClient client = RawXmppClient.connect()) {
                    String jid = client.login(user, "desktop");
                    for (Row row : matrix) {
                        check(failures, user + " subscribing to " + row.node(), row.subscribe().get(user), client.set(PUBSUB,
                                "<pubsub xmlns='" + NS + "'><subscribe node='" + row.node() + "' jid='" + jid + "'/></pubsub>"));
                        check(failures, user + " reading " + row.node(), row.items().get(user), items(client,
                                "<pubsub xmlns='" + NS + "'><items node='" + row.node() + "'/></pubsub>"));
                    }
                }
            }
            assertEquals("every case as the matrix says:\n" + String.join("\n", failures), List.of(), failures);
        } finally {
            rosters.unregister();
        }
    }

    /** Without a roster service nobody passes the presence model: the access is decided when asked. */
    @Test
    public void withoutRostersThePresenceModelLetsNobodyIn() throws Exception {
        try (RawXmppClient alice = RawXmppClient.connect(); RawXmppClient bob = RawXmppClient.connect()) {
            alice.login("alice", "owner");
            assertEquals("result", Xml.attribute(alice.set(PUBSUB, create("/acl/presence-later", "presence")), "type"));
            String bobJid = bob.login("bob", "desktop");
            String subscribe = "<pubsub xmlns='" + NS + "'><subscribe node='/acl/presence-later' jid='" + bobJid + "'/></pubsub>";
            List<String> failures = new ArrayList<>();
            check(failures, "bob with no roster service", NO_PRESENCE, bob.set(PUBSUB, subscribe));
            TestRosters rosters = TestRosters.register(context).put("alice@" + DOMAIN, "bob@" + DOMAIN, "both");
            try {
                check(failures, "bob once alice's roster says both", OK, bob.set(PUBSUB, subscribe));
            } finally {
                rosters.unregister();
            }
            assertEquals(List.of(), failures);
        }
    }

    /**
     * The authorize model (XEP-0060 8.6): a subscription is pending until an owner answers the form
     * the service sends; approval makes it active and tells the subscriber, denial removes it; the
     * owner may also approve through the subscriptions it manages.
     */
    @Test
    public void anOwnerApprovesAndDeniesPendingSubscriptions() throws Exception {
        try (RawXmppClient alice = RawXmppClient.connect(); RawXmppClient bob = RawXmppClient.connect();
                RawXmppClient carol = RawXmppClient.connect(); RawXmppClient dave = RawXmppClient.connect()) {
            alice.login("alice", "owner");
            alice.send("<presence xmlns='jabber:client'/>"); // the forms go to her bare JID: her available resources
            assertEquals("result", Xml.attribute(alice.set(PUBSUB, create("/acl/approve", "authorize")), "type"));
            String bobJid = bob.login("bob", "desktop");
            String carolJid = carol.login("carol", "desktop");
            String daveJid = dave.login("dave", "desktop");

            Element pending = Xml.child(Xml.child(bob.set(PUBSUB, subscribe("/acl/approve", bobJid)), "pubsub"), "subscription");
            assertEquals(PENDING, Xml.attribute(pending, "subscription"));
            Element form = approvalForm(alice);
            assertEquals(bobJid, field(form, "pubsub#subscriber_jid"));
            assertEquals("/acl/approve", field(form, "pubsub#node"));
            assertEquals(Xml.attribute(pending, "subid"), field(form, "pubsub#subid"));
            List<String> failures = new ArrayList<>();
            check(failures, "bob asking again while pending", "not-authorized pending-subscription",
                    bob.set(PUBSUB, subscribe("/acl/approve", bobJid)));
            check(failures, "bob reading while pending", NOT_SUBSCRIBED, items(bob, ITEMS));

            // someone else than an owner cannot answer the form
            carol.send(answer(form, true));
            assertNotNull("carol's answer refused", Xml.child(Xml.child(carol.next("message"), "error"), "forbidden"));

            alice.send(answer(form, true));
            Element approved = Xml.child(Xml.child(bob.next("message"), "pubsub"), "subscription");
            assertEquals(OK, Xml.attribute(approved, "subscription"));
            check(failures, "bob reading once approved", "result", items(bob, ITEMS));

            carol.set(PUBSUB, subscribe("/acl/approve", carolJid));
            alice.send(answer(approvalForm(alice), false));
            assertEquals("none", Xml.attribute(Xml.child(Xml.child(carol.next("message"), "pubsub"), "subscription"), "subscription"));
            check(failures, "carol reading once denied", NOT_SUBSCRIBED, items(carol, ITEMS));
            alice.send(answer(form, true)); // bob's form again: decided already
            assertNotNull(Xml.child(Xml.child(alice.next("message"), "error"), "item-not-found"));

            dave.set(PUBSUB, subscribe("/acl/approve", daveJid));
            approvalForm(alice);
            Element manage = alice.set(PUBSUB, "<pubsub xmlns='" + NS + "#owner'><subscriptions node='/acl/approve'>"
                    + "<subscription jid='" + daveJid + "' subscription='subscribed'/></subscriptions></pubsub>");
            assertEquals("result", Xml.attribute(manage, "type"));
            assertEquals(OK, Xml.attribute(Xml.child(Xml.child(dave.next("message"), "pubsub"), "subscription"), "subscription"));
            assertEquals(List.of(), failures);
        }
    }

    private static int gets;

    /** An IQ get to the service, answered with a result or an error. */
    private static Element items(RawXmppClient client, String child) throws InterruptedException {
        String id = "items" + ++gets;
        client.send("<iq xmlns='jabber:client' type='get' id='" + id + "' to='" + PUBSUB + "'>" + child + "</iq>");
        Element answer = client.nextIgnoringEvents();
        assertEquals(id, Xml.attribute(answer, "id"));
        return answer;
    }

    private static String create(String node, String accessModel) {
        String groups = "roster".equals(accessModel)
                ? "<field var='pubsub#roster_groups_allowed'><value>friends</value><value>family</value></field>" : "";
        return "<pubsub xmlns='" + NS + "'><create node='" + node + "'/><configure><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + NS + "#node_config</value></field>"
                + "<field var='pubsub#access_model'><value>" + accessModel + "</value></field>" + groups
                + "</x></configure></pubsub>";
    }

    private static String subscribe(String node, String jid) {
        return "<pubsub xmlns='" + NS + "'><subscribe node='" + node + "' jid='" + jid + "'/></pubsub>";
    }

    private static void affiliate(RawXmppClient owner, String node, String user, String affiliation) throws InterruptedException {
        Element answer = owner.set(PUBSUB, "<pubsub xmlns='" + NS + "#owner'><affiliations node='" + node + "'><affiliation jid='"
                + user + "@" + DOMAIN + "' affiliation='" + affiliation + "'/></affiliations></pubsub>");
        assertEquals(user + " " + affiliation + " of " + node, "result", Xml.attribute(answer, "type"));
    }

    /** The next subscription authorization form the owner receives. */
    private static Element approvalForm(RawXmppClient owner) throws InterruptedException {
        while (true) {
            Element form = Xml.child(owner.next("message"), "x");
            if (form != null && (NS + "#subscribe_authorization").equals(field(form, "FORM_TYPE"))) {
                return form;
            }
        }
    }

    private static String field(Element form, String var) {
        for (Element field : Xml.children(form, "field")) {
            if (var.equals(Xml.attribute(field, "var"))) {
                return Xml.childText(field, "value");
            }
        }
        return null;
    }

    /** The owner's answer to an authorization form (XEP-0060 8.6.2). */
    private static String answer(Element form, boolean allow) {
        return "<message xmlns='jabber:client' to='" + PUBSUB + "'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + NS + "#subscribe_authorization</value></field>"
                + "<field var='pubsub#subid'><value>" + field(form, "pubsub#subid") + "</value></field>"
                + "<field var='pubsub#node'><value>" + field(form, "pubsub#node") + "</value></field>"
                + "<field var='pubsub#subscriber_jid'><value>" + field(form, "pubsub#subscriber_jid") + "</value></field>"
                + "<field var='pubsub#allow'><value>" + allow + "</value></field></x></message>";
    }

    /**
     * Compares an answer with what the matrix expects: {@code result}, a subscription state, or an
     * error condition with its pubsub#errors condition; a mismatch is added to the failures.
     */
    private static void check(List<String> failures, String what, String expected, Element answer) {
        String got;
        if ("error".equals(Xml.attribute(answer, "type"))) {
            Element error = Xml.child(answer, "error");
            StringBuilder conditions = new StringBuilder();
            for (Element condition : Xml.children(error, "*")) {
                if (!"text".equals(Xml.name(condition))) {
                    conditions.append(conditions.length() == 0 ? "" : " ").append(Xml.name(condition));
                }
            }
            got = conditions.toString();
        } else {
            Element pubsub = Xml.child(answer, "pubsub");
            Element subscription = pubsub == null ? null : Xml.child(pubsub, "subscription");
            got = subscription == null ? "result" : Xml.attribute(subscription, "subscription");
        }
        if (!expected.equals(got)) {
            failures.add(what + ": expected " + expected + ", got " + got);
        }
    }
}
