package io.switchboard.accounts.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.StreamError;

import io.switchboard.api.routing.StanzaErrorException;
import io.switchboard.testing.Configurations;
import io.switchboard.testing.FakeSessionRegistry;
import io.switchboard.testing.MemoryAccounts;
import io.switchboard.testing.RecordingRouter;
import io.switchboard.testing.RecordingSession;

/** XEP-0077 3.2 and 3.3 once logged in. */
public class OwnAccountTest {

    private final RecordingRouter router = new RecordingRouter("example.com");
    private final FakeSessionRegistry sessions = new FakeSessionRegistry();
    private final MemoryAccounts store = new MemoryAccounts().with("bob", "1234");

    private OwnAccount handler(boolean passwordChange, boolean accountRemoval) {
        return new OwnAccount(router, sessions, ActiveAccountStore.of(store, "memory"), Configurations.of(
                RegistrationConfiguration.class, "passwordChange", passwordChange, "accountRemoval", accountRemoval));
    }

    @Test
    public void aUserChangesTheirOwnPassword() throws Exception {
        handler(true, false).handle(request("bob", "bob", "new"));

        assertEquals(IQ.Type.result, ((IQ) router.takeRouted()).getType());
        assertEquals("new", store.passwords.get("bob"));
    }

    @Test
    public void aPasswordSaslprepProhibitsIsNotAcceptableWithTheReason() {
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> handler(true, false).handle(request("bob", "bob", "a\u0007b")));

        assertEquals(PacketError.Condition.not_acceptable, e.condition());
        assertTrue(e.text(), e.text().contains("SASLprep"));
        assertEquals("1234", store.passwords.get("bob"));
    }

    @Test
    public void someoneElsesPasswordIsNotTheirsToChange() {
        store.with("carol", "5678");

        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> handler(true, false).handle(request("bob", "carol", "new")));

        assertEquals(PacketError.Condition.not_authorized, e.condition());
        assertEquals("5678", store.passwords.get("carol"));
    }

    @Test
    public void passwordChangeTurnedOffIsNotAllowed() {
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> handler(false, false).handle(request("bob", "bob", "new")));

        assertEquals(PacketError.Condition.not_allowed, e.condition());
        assertEquals("1234", store.passwords.get("bob"));
    }

    @Test
    public void removalIsOffByDefaultAndOnItDeletesTheAccountAndEndsItsSessions() throws Exception {
        RecordingSession phone = sessions.add(new RecordingSession("bob@example.com/phone"));
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> handler(true, false).handle(remove("bob")));
        assertEquals(PacketError.Condition.not_allowed, e.condition());
        assertTrue(store.exists("bob"));

        handler(true, true).handle(remove("bob"));

        assertEquals(IQ.Type.result, ((IQ) router.takeRouted()).getType());
        assertFalse(store.exists("bob"));
        assertEquals(List.of(StreamError.Condition.not_authorized), phone.closedWith);
    }

    private static IQ request(String from, String username, String password) {
        IQ set = new IQ(IQ.Type.set, "p1");
        set.setFrom(from + "@example.com/phone");
        Element query = set.setChildElement("query", InBandRegistration.NS);
        query.addElement("username").setText(username);
        query.addElement("password").setText(password);
        return set;
    }

    private static IQ remove(String from) {
        IQ set = new IQ(IQ.Type.set, "p2");
        set.setFrom(from + "@example.com/phone");
        set.setChildElement("query", InBandRegistration.NS).addElement("remove");
        return set;
    }
}
