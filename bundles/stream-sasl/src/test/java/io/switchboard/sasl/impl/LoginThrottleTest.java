package io.switchboard.sasl.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.Test;
import org.osgi.framework.Constants;

import io.switchboard.api.sasl.SaslMechanism;
import io.switchboard.testing.MovableClock;
import io.switchboard.testing.RecordingNegotiation;

/** Brute force against one account, from many connections: locked after 3 failures, for 60 s. */
public class LoginThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SaslFeature sasl = new SaslFeature(Configs.limits(3, 60), clock);

    public LoginThrottleTest() {
        sasl.setAuthProvider(new InMemoryAuthProvider().with("alice", "secret").with("bob", "secret"));
        sasl.addMechanism(new PlainMechanism(Configs.plainWithoutTls(false)),
                Map.of(SaslMechanism.NAME, "PLAIN", Constants.SERVICE_RANKING, 100));
    }

    /** One attempt on a new connection: the name of the server's answer, or its failure condition. */
    private String attempt(String user, String password) {
        RecordingNegotiation stream = new RecordingNegotiation("example.com");
        Element auth = DocumentHelper.createElement(QName.get("auth", SaslFeature.NS));
        auth.addAttribute("mechanism", "PLAIN");
        auth.setText(java.util.Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes()));
        sasl.process(auth, stream);
        Element answer = stream.takeSent();
        return "failure".equals(answer.getName()) ? answer.elements().get(0).getName() : answer.getName();
    }

    @Test
    public void failuresInARowLockTheAccountEvenAgainstTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertEquals("not-authorized", attempt("alice", "guess" + i));
        }
        assertEquals("temporary-auth-failure", attempt("alice", "secret"));
        assertEquals("other accounts are not affected", "success", attempt("bob", "secret"));
    }

    @Test
    public void theLockEndsAfterTheLockout() {
        for (int i = 0; i < 3; i++) {
            attempt("alice", "guess" + i);
        }
        clock.now = clock.now.plusSeconds(61);

        assertEquals("success", attempt("alice", "secret"));
    }

    @Test
    public void aSuccessEndsTheCount() {
        attempt("alice", "guess1");
        attempt("alice", "guess2");
        assertEquals("success", attempt("alice", "secret"));
        attempt("alice", "guess3");
        attempt("alice", "guess4");

        assertEquals("two failures since the success: not locked", "success", attempt("alice", "secret"));
    }

    @Test
    public void theThrottleItselfCountsPerUser() {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofSeconds(10), clock);
        throttle.failed("alice");
        assertFalse(throttle.isLocked("alice"));
        throttle.failed("alice");
        assertTrue(throttle.isLocked("alice"));
        assertFalse(throttle.isLocked("bob"));
    }
}
