package io.switchboard.accounts.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.dom4j.Element;
import org.junit.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

import io.switchboard.testing.Configurations;
import io.switchboard.testing.MemoryAccounts;
import io.switchboard.testing.MovableClock;
import io.switchboard.testing.RecordingNegotiation;

/** XEP-0077 3.1 before authentication, on a recorded stream. */
public class InBandRegistrationTest {

    private static final String DOMAIN = "example.com";

    private final MemoryAccounts store = new MemoryAccounts().with("bob", "1234");
    private final MovableClock clock = new MovableClock(java.time.Instant.parse("2026-12-07T12:00:00Z"));
    private final RecordingNegotiation stream = new RecordingNegotiation(DOMAIN);

    private InBandRegistration registration(boolean on, int perHour) {
        return new InBandRegistration(ActiveAccountStore.of(store, "memory"), Configurations.of(RegistrationConfiguration.class,
                "registration", on, "registrationsPerHour", perHour), clock);
    }

    @Test
    public void offItIsNotAdvertisedAndARequestIsServiceUnavailable() {
        InBandRegistration off = registration(false, 5);

        assertNull(off.advertise(stream));
        off.process(register("carol", "pw"), stream);

        assertEquals(PacketError.Condition.service_unavailable, answer().getError().getCondition());
        assertNull(store.passwords.get("carol"));
    }

    @Test
    public void onItIsAdvertisedAndAsksForUserNameAndPassword() {
        InBandRegistration on = registration(true, 5);

        Element feature = on.advertise(stream);
        assertEquals("register", feature.getName());
        assertEquals(InBandRegistration.FEATURE_NS, feature.getNamespaceURI());

        IQ get = new IQ(IQ.Type.get, "r1");
        get.setChildElement("query", InBandRegistration.NS);
        on.process(get.getElement(), stream);
        IQ form = answer();
        assertEquals(IQ.Type.result, form.getType());
        assertNotNull(form.getChildElement().element("username"));
        assertNotNull(form.getChildElement().element("password"));
    }

    @Test
    public void aRegisteredAccountIsStoredWithItsNameNodeprepped() {
        registration(true, 5).process(register("Carol", "pw"), stream);

        assertEquals(IQ.Type.result, answer().getType());
        assertEquals("pw", store.passwords.get("carol"));
    }

    @Test
    public void aTakenNameIsAConflict() {
        registration(true, 5).process(register("bob", "other"), stream);

        assertEquals(PacketError.Condition.conflict, answer().getError().getCondition());
        assertEquals("1234", store.passwords.get("bob"));
    }

    @Test
    public void aMissingPasswordIsNotAcceptable() {
        registration(true, 5).process(register("carol", ""), stream);

        assertEquals(PacketError.Condition.not_acceptable, answer().getError().getCondition());
    }

    @Test
    public void aPasswordSaslprepProhibitsIsNotAcceptableWithTheReason() {
        registration(true, 5).process(register("carol", "a\u0007b"), stream);

        PacketError error = answer().getError();
        assertEquals(PacketError.Condition.not_acceptable, error.getCondition());
        assertTrue(error.getText(), error.getText().contains("SASLprep"));
        assertNull(store.passwords.get("carol"));
    }

    @Test
    public void tooManyFromOneAddressWaitForTheHourWhileAnotherAddressMayGoOn() {
        InBandRegistration on = registration(true, 2);
        on.process(register("u1", "pw"), stream);
        on.process(register("u2", "pw"), stream);
        stream.sent.clear();

        on.process(register("u3", "pw"), stream);
        assertEquals(PacketError.Condition.resource_constraint, answer().getError().getCondition());

        RecordingNegotiation elsewhere = new RecordingNegotiation(DOMAIN);
        elsewhere.remoteHost = "198.51.100.7";
        on.process(register("u4", "pw"), elsewhere);
        assertEquals("result", elsewhere.sent.get(0).attributeValue("type"));

        clock.now = clock.now.plus(Duration.ofHours(1).plusSeconds(1));
        on.process(register("u3", "pw"), stream);
        assertEquals(IQ.Type.result, answer().getType());
        assertTrue(store.exists("u3"));
    }

    private IQ answer() {
        assertEquals(1, stream.sent.size());
        IQ answer = new IQ(stream.sent.remove(0));
        assertEquals(DOMAIN, answer.getFrom().toString());
        return answer;
    }

    private static Element register(String username, String password) {
        IQ set = new IQ(IQ.Type.set, "r2");
        set.setTo(DOMAIN);
        Element query = set.setChildElement("query", InBandRegistration.NS);
        query.addElement("username").setText(username);
        query.addElement("password").setText(password);
        return set.getElement();
    }
}
