package io.switchboard.sasl.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.xmpp.packet.StreamError;

import io.switchboard.api.logins.LoginBan;
import io.switchboard.api.logins.LoginCheck;
import io.switchboard.api.sasl.SaslMechanism;
import io.switchboard.testing.MovableClock;
import io.switchboard.testing.RecordingNegotiation;

/**
 * Brute force met at the address that fails (here 4 failures ban it, 2 for one account, for 60 s),
 * an account under attack only slowed down (after 3 failures: 100, 200, 400 ms, at most 500 ms),
 * through SASL and through the guard itself.
 */
public class LoginProtectionTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginProtection guard = new LoginProtection(Configs.protection("maxFailuresPerAddress", 4,
            "maxFailuresPerAddressAndAccount", 2, "banSeconds", 60, "failureWindowSeconds", 600, "slowDownAfterFailures", 3,
            "slowDownStepMillis", 100, "maxSlowDownMillis", 500, "trustedAddresses", new String[] {"10.1.0.0/16", "2001:db8:5::/48"},
            "maxTracked", 1000), clock);
    private final DelayedAnswers delays = new DelayedAnswers();
    private final SaslFeature sasl = new SaslFeature(guard, delays);

    public LoginProtectionTest() {
        sasl.setAuthProvider(new InMemoryAuthProvider().with("alice", "secret").with("bob", "secret"));
        sasl.addMechanism(new PlainMechanism(Configs.plainWithoutTls(false)),
                Map.of(SaslMechanism.NAME, "PLAIN", Constants.SERVICE_RANKING, 100));
    }

    /** One PLAIN attempt on a new connection from this address, delays run at once: the answer's name or its failure condition. */
    private String attempt(String address, String user, String password) {
        RecordingNegotiation stream = attemptWithoutAnswer(address, user, password);
        delays.runAll();
        Element answer = stream.takeSent();
        return "failure".equals(answer.getName()) ? answer.elements().get(0).getName() : answer.getName();
    }

    private RecordingNegotiation attemptWithoutAnswer(String address, String user, String password) {
        RecordingNegotiation stream = new RecordingNegotiation("example.com");
        stream.remoteHost = address;
        Element auth = DocumentHelper.createElement(QName.get("auth", SaslFeature.NS));
        auth.addAttribute("mechanism", "PLAIN");
        auth.setText(Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes()));
        sasl.process(auth, stream);
        return stream;
    }

    @Test
    public void anAddressThatFailsIsBannedOnEveryAccountWhileOthersLogIn() {
        assertEquals("not-authorized", attempt("192.0.2.7", "alice", "guess1"));
        assertEquals("not-authorized", attempt("192.0.2.7", "bob", "guess2"));
        assertEquals("not-authorized", attempt("192.0.2.7", "nobody", "guess3"));
        assertEquals("names that do not exist count against the address", "not-authorized", attempt("192.0.2.7", "nobody2", "x"));

        RecordingNegotiation banned = attemptWithoutAnswer("192.0.2.7", "bob", "secret");
        Element failure = banned.takeSent();
        assertEquals("not-authorized", failure.elements().get(0).getName());
        assertTrue(failure.elementText("text"), failure.elementText("text").contains("try again in 60 seconds"));
        assertEquals(StreamError.Condition.policy_violation, banned.failedWith);
        assertEquals("the owner from elsewhere", "success", attempt("192.0.2.8", "alice", "secret"));
        assertEquals("success", attempt("192.0.2.8", "bob", "secret"));
    }

    @Test
    public void anAccountFailedFromOneAddressIsRefusedThereAloneNotTheOwner() {
        attempt("192.0.2.7", "alice", "guess1");
        attempt("192.0.2.7", "alice", "guess2");

        assertEquals("not-authorized", attempt("192.0.2.7", "alice", "secret"));
        assertEquals("other accounts from that address", "success", attempt("192.0.2.7", "bob", "secret"));
        assertEquals("the account from elsewhere", "success", attempt("192.0.2.9", "alice", "secret"));
        assertEquals(List.of(new LoginBan("192.0.2.7", "alice", clock.now.plusSeconds(60), 2)), guard.bans());
    }

    @Test
    public void bansEndAfterBanSecondsAndCanBeLifted() {
        for (int i = 0; i < 4; i++) {
            attempt("192.0.2.7", "nobody" + i, "guess");
        }
        attempt("192.0.2.70", "alice", "guess1");
        attempt("192.0.2.70", "alice", "guess2");
        assertTrue(guard.check("192.0.2.7", null).isRefused());
        assertEquals(2, guard.bans().size());

        assertTrue(guard.lift("192.0.2.7"));
        assertFalse("nothing left to lift", guard.lift("192.0.2.7"));
        assertEquals("success", attempt("192.0.2.7", "alice", "secret"));

        clock.now = clock.now.plusSeconds(59);
        assertTrue(guard.check("192.0.2.70", "alice").isRefused());
        assertEquals(1, guard.check("192.0.2.70", "alice").retryAfterSeconds());
        clock.now = clock.now.plusSeconds(2);
        assertFalse(guard.check("192.0.2.70", "alice").isRefused());
        assertEquals(List.of(), guard.bans());
        assertEquals("success", attempt("192.0.2.70", "alice", "secret"));
    }

    @Test
    public void trustedAddressesAndNetworksAreNeverBanned() {
        for (int i = 0; i < 20; i++) {
            attempt("10.1.200.3", "nobody" + i, "guess");
            attempt("2001:db8:5:1::20", "bob", "guess" + i);
        }
        assertEquals(List.of(), guard.bans());
        assertFalse(guard.check("10.1.200.3", "bob").isRefused());
        assertFalse(guard.check("10.2.0.1", null).isRefused());
    }

    @Test
    public void sprayingAnAccountFromManyAddressesSlowsItButTheRightPasswordLogsIn() {
        for (int i = 2; i < 52; i++) {
            attempt("192.0.2." + i, "alice", "guess" + i);
        }
        assertEquals("no address failed enough to be banned", List.of(), guard.bans());

        RecordingNegotiation owner = attemptWithoutAnswer("198.51.100.1", "alice", "secret");
        assertTrue("nothing before the delay", owner.sent.isEmpty());
        assertEquals(List.of(500L), delays.runAll());
        assertEquals("success", owner.takeSent().getName());
        assertEquals("alice", owner.authenticatedAs);
        assertEquals("other accounts are not slowed", LoginCheck.ALLOWED, guard.check("198.51.100.1", "bob"));
    }

    @Test
    public void theDelayGrowsFromTheThresholdUpToItsCap() {
        List<Long> delaysSeen = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            delaysSeen.add(guard.check("203.0.113.9", "alice").delay().toMillis());
            guard.failed("192.0.2." + i, "alice");
        }
        assertEquals(List.of(0L, 0L, 0L, 100L, 200L, 400L, 500L), delaysSeen);
    }

    @Test
    public void aClientThatDoesNotWaitForTheDelayedAnswerIsCutOff() {
        for (int i = 0; i < 5; i++) {
            guard.failed("192.0.2." + i, "alice");
        }
        RecordingNegotiation stream = attemptWithoutAnswer("198.51.100.1", "alice", "secret");
        sasl.process(DocumentHelper.createElement(QName.get("abort", SaslFeature.NS)), stream);
        assertEquals(StreamError.Condition.policy_violation, stream.failedWith);
    }

    @Test
    public void theCountsAreForgottenAfterTheWindow() {
        guard.failed("192.0.2.7", "alice");
        guard.failed("192.0.2.7", null);
        guard.failed("192.0.2.7", null);
        clock.now = clock.now.plusSeconds(601);
        guard.failed("192.0.2.7", null);
        guard.failed("192.0.2.7", "alice");
        assertEquals("two in a window: no ban", List.of(), guard.bans());
    }

    @Test
    public void randomNamesAndAddressesNeitherGrowTheTablesNorLiftABan() {
        for (int i = 0; i < 4; i++) {
            guard.failed("192.0.2.7", null);
        }
        for (int i = 0; i < 5; i++) {
            guard.failed("192.0.2." + (100 + i), "alice");
        }
        for (int i = 0; i < 20_000; i++) {
            guard.failed("198.18." + (i / 250) + "." + (i % 250), null);
            guard.check("198.19." + (i / 250) + "." + (i % 250), "random" + i);
        }
        FailureLedger ledger = new FailureLedger(FailureLedger.Limits.of(Configs.protection("maxTracked", 1000)), clock);
        for (int i = 0; i < 20_000; i++) {
            ledger.failed("2001:db8:" + Integer.toHexString(i) + "::1", null);
        }
        assertTrue("bounded: " + ledger.tracked(), ledger.tracked() <= 4 * 1000);

        assertTrue("the ban stays", guard.check("192.0.2.7", null).isRefused());
        assertEquals("the account's slow-down stays", Duration.ofMillis(400), guard.check("203.0.113.9", "alice").delay());
    }

    @Test
    public void sprayingMoreUnknownNamesThanAreTrackedThroughSaslNeitherLiftsAVictimsSlowDownNorABan() {
        for (int i = 0; i < 5; i++) {
            attempt("192.0.2." + (100 + i), "alice", "guess" + i);
        }
        attempt("192.0.2.70", "bob", "guess1");
        attempt("192.0.2.70", "bob", "guess2");
        Duration slowed = guard.check("203.0.113.9", "alice").delay();
        assertEquals(Duration.ofMillis(400), slowed);

        // 3,000 names that have no account (three times maxTracked), three tries from each of 1,000 addresses
        for (int i = 0; i < 3_000; i++) {
            attempt("198.18." + (i / 3 / 250) + "." + (i / 3 % 250), "random" + i, "guess");
        }

        assertEquals("the victim is as slow as before", slowed, guard.check("203.0.113.9", "alice").delay());
        assertTrue("the ban stays", guard.check("192.0.2.70", "bob").isRefused());
    }

    @Test
    public void anIpv6HostCountsAsItsSlash64() {
        for (int i = 0; i < 4; i++) {
            guard.failed("2001:db8:1:2::" + Integer.toHexString(i + 1), null);
        }
        assertTrue(guard.check("2001:db8:1:2:ffff::9", null).isRefused());
        assertFalse(guard.check("2001:db8:1:3::1", null).isRefused());
        assertNotNull(guard.bans().get(0));
        assertTrue(guard.lift("2001:db8:1:2::77"));
    }

    @Test
    public void trustedAddressesParseCidrForBothFamilies() {
        AddressRanges ranges = AddressRanges.parse("127.0.0.1", "10.0.0.0/8", "192.168.4.0/22", "::1", "2001:db8::/32", " ");
        assertTrue(ranges.contains("127.0.0.1"));
        assertFalse(ranges.contains("127.0.0.2"));
        assertTrue(ranges.contains("10.255.1.1"));
        assertTrue(ranges.contains("192.168.7.255"));
        assertFalse(ranges.contains("192.168.8.0"));
        assertTrue(ranges.contains("::1"));
        assertTrue(ranges.contains("2001:db8:ffff::1"));
        assertFalse(ranges.contains("2001:db9::1"));
        assertTrue("IPv4-mapped", ranges.contains("::ffff:10.1.2.3"));
        assertFalse("never a name looked up", ranges.contains("localhost"));
        assertNull(AddressRanges.bytes("example.com"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aTrustedEntryThatIsNoAddressIsRefused() {
        AddressRanges.parse("10.0.0.0/33");
    }

    @Test
    public void aTypoInTheTrustedAddressesIsLeftOutAndDoesNotStopLogins() {
        List<String> told = new java.util.ArrayList<>();
        AddressRanges ranges = AddressRanges.parse(new String[] {"10.0.0.0/8", "10.1.2.3/40", "intranet.example"}, told::add);
        assertTrue(ranges.contains("10.9.9.9"));
        assertEquals(2, told.size());
        LoginProtection typo = new LoginProtection(Configs.protection("trustedAddresses", new String[] {"10.0.0.0/8", "nonsense"}), clock);
        assertFalse(typo.check("10.0.0.1", "alice").isRefused());
    }
}
