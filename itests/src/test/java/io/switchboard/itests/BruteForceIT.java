package io.switchboard.itests;

import static io.switchboard.itests.SwitchboardOptions.DOMAIN;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;

import java.time.Duration;
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
 * Guessing a password from many connections locks the account for a while (here after 3 failures,
 * for 5 s): then even the right password is refused, the owner's session already logged in is
 * untouched, and after the lockout the right password works again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BruteForceIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(BruteForceIT.class,
                Map.of("io.switchboard.sasl", List.of("maxFailures = 3", "lockoutSeconds = 5")));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1");
    }

    @Test
    public void guessingLocksTheAccountForAWhile() throws Exception {
        try (RawXmppClient owner = RawXmppClient.connect()) {
            owner.login("agent1", "desktop");
            for (int i = 0; i < 3; i++) {
                assertEquals("not-authorized", attempt("guess" + i));
            }
            assertEquals("locked: even the right password", "temporary-auth-failure", attempt(SwitchboardOptions.PASSWORD));
            owner.ping("owner-unaffected");
            await("the lockout ends").atMost(Duration.ofSeconds(20)).until(() -> "success".equals(attempt(SwitchboardOptions.PASSWORD)));
        }
    }

    /** One PLAIN attempt for agent1 on a new connection: "success" or the failure's condition. */
    private static String attempt(String password) throws Exception {
        try (RawXmppClient client = RawXmppClient.connect()) {
            client.open(DOMAIN);
            Element answer = client.authPlain(RawXmppClient.plain("", "agent1", password));
            return "failure".equals(Xml.name(answer)) ? Xml.name(Xml.children(answer, "*").get(0)) : Xml.name(answer);
        }
    }
}
