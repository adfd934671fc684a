package io.switchboard.pep.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;
import io.switchboard.testing.FakeSessionRegistry;
import io.switchboard.testing.RecordingRouter;

/**
 * disco#info of alice's bare JID: her account and PEP service for herself (her contacts' view is
 * PepIT's, with the real rosters); nothing for a stranger; a node's info only for who may read it;
 * and no account for a sender that is none.
 */
public class AccountDiscoTest {

    private static final JID ALICE = new JID("alice@example.com");

    private final RecordingRouter router = new RecordingRouter("example.com");
    private final MemoryStore store = new MemoryStore();

    private AccountDisco disco() {
        PepService pep = new PepService(router, new PepNodes(store), new FakeSessionRegistry());
        return new AccountDisco(router, pep, pubsubHandlerProperties());
    }

    /** The disco features of PEP's pubsub handler as DS registers them, read from its component description. */
    private static Map<String, Object> pubsubHandlerProperties() {
        try (InputStream in = AccountDisco.class.getResourceAsStream("/OSGI-INF/" + PepHandler.Entity.class.getName() + ".xml")) {
            Element features = new SAXReader().read(in).getRootElement().elements("property").stream()
                    .filter(property -> StanzaHandler.DISCO_FEATURE.equals(property.attributeValue("name"))).findFirst().orElseThrow();
            return Map.of(StanzaHandler.DISCO_FEATURE, features.getText().strip().split("\\s+"));
        } catch (IOException | DocumentException e) {
            throw new AssertionError("the pubsub handler's component description", e);
        }
    }

    private static IQ info(String from, String to, String node) {
        IQ request = new IQ(IQ.Type.get, "d1");
        request.setFrom(new JID(from));
        if (to != null) {
            request.setTo(new JID(to));
        }
        Element query = request.setChildElement("query", Namespaces.DISCO_INFO);
        if (node != null) {
            query.addAttribute("node", node);
        }
        return request;
    }

    @Test
    public void theAccountItselfSeesItsAccountAndPepIdentitiesAndFeatures() throws StanzaErrorException {
        disco().handle(info("alice@example.com/phone", null, null));

        IQ answer = (IQ) router.takeRouted();
        assertEquals(ALICE, answer.getFrom());
        List<String> identities = answer.getChildElement().elements("identity").stream()
                .map(identity -> identity.attributeValue("category") + "/" + identity.attributeValue("type")).toList();
        assertEquals(List.of("account/registered", "pubsub/pep"), identities);
        Set<String> features = Set.copyOf(answer.getChildElement().elements("feature").stream()
                .map(feature -> feature.attributeValue("var")).toList());
        assertTrue(features.toString(), features.containsAll(Set.of(Namespaces.PUBSUB, Namespaces.PUBSUB + "#publish", Namespaces.PUBSUB + "#auto-create",
                Namespaces.PUBSUB + "#auto-subscribe", Namespaces.PUBSUB + "#filtered-notifications",
                Namespaces.PUBSUB + "#publish-options")));
    }

    @Test
    public void aStrangerAndAnotherServersUserAndANodeThatIsNotThereGetErrors() {
        assertCondition(PacketError.Condition.service_unavailable, info("carol@example.com/desk", "alice@example.com", null));
        assertCondition(PacketError.Condition.service_unavailable, info("alice@example.com/phone", "alice@elsewhere.org", null));
        assertCondition(PacketError.Condition.item_not_found, info("alice@example.com/phone", null, "urn:none"));
    }

    @Test
    public void aComponentWithoutToHasNoAccount() {
        assertCondition(PacketError.Condition.service_unavailable, info("pubsub.example.com", null, null));
    }

    private void assertCondition(PacketError.Condition condition, IQ request) {
        try {
            disco().handle(request);
            fail("answered " + router.routed);
        } catch (StanzaErrorException e) {
            assertEquals(condition, e.condition());
        }
    }
}
