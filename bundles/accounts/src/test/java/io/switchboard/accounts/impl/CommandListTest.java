package io.switchboard.accounts.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.api.routing.StanzaHandler;
import io.switchboard.testing.Configurations;
import io.switchboard.testing.FakeSessionRegistry;
import io.switchboard.testing.MemoryAccounts;
import io.switchboard.testing.RecordingRouter;

/** The commands node's disco#items, and every other disco#items query handed on. */
public class CommandListTest {

    private final RecordingRouter router = new RecordingRouter("example.com");
    private final AdminCommands commands = new AdminCommands(router, new FakeSessionRegistry(),
            ActiveAccountStore.of(new MemoryAccounts(), "memory"),
            Configurations.of(AdminConfiguration.class, "admins", new String[] {"admin@example.com"}));
    private final List<Packet> handedOn = new ArrayList<>();
    private final StanzaHandler next = handedOn::add;

    @Test
    public void anAdminSeesEveryCommandAtTheServersDomain() throws Exception {
        new CommandList(router, commands, next).handle(items("admin@example.com/laptop", AdminCommands.NS));

        Element query = ((IQ) router.takeRouted()).getChildElement();
        assertEquals(AdminCommands.NS, query.attributeValue("node"));
        List<Element> listed = query.elements("item");
        assertEquals(11, listed.size());
        assertTrue(listed.stream().allMatch(item -> "example.com".equals(item.attributeValue("jid"))));
        assertTrue(listed.stream().anyMatch(item -> (AdminCommand.NODE_PREFIX + "add-user").equals(item.attributeValue("node"))));
    }

    @Test
    public void anyoneElseSeesAnEmptyList() throws Exception {
        new CommandList(router, commands, next).handle(items("bob@example.com/phone", AdminCommands.NS));

        assertTrue(((IQ) router.takeRouted()).getChildElement().elements("item").isEmpty());
    }

    @Test
    public void everyOtherQueryGoesToTheNextHandlerUntouched() throws Exception {
        IQ plain = items("bob@example.com/phone", null);

        new CommandList(router, commands, next).handle(plain);

        assertSame(plain, handedOn.get(0));
        assertTrue(router.routed.isEmpty());
    }

    @Test
    public void withoutANextHandlerAnotherQueryIsServiceUnavailable() {
        StanzaErrorException e = assertThrows(StanzaErrorException.class,
                () -> new CommandList(router, commands, null).handle(items("bob@example.com/phone", "some-node")));

        assertEquals(PacketError.Condition.service_unavailable, e.condition());
    }

    private static IQ items(String from, String node) {
        IQ get = new IQ(IQ.Type.get, "d1");
        get.setFrom(from);
        get.setTo("example.com");
        Element query = get.setChildElement("query", CommandList.ITEMS);
        if (node != null) {
            query.addAttribute("node", node);
        }
        return get;
    }
}
