package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

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

/**
 * Authentication providers come and go while the server runs: the next login uses the
 * highest-ranked one present, none present means temporary-auth-failure, and a session already
 * logged in never notices.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuthProviderSwapIT {

    private static final String SECRET = "a shared secret of at least 32 characters";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(AuthProviderSwapIT.class);
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, "agent1", "agent2");
    }

    @Test
    public void theNextLoginUsesWhicheverProviderIsThereAndLiveSessionsStay() throws Exception {
        try (RawXmppClient live = RawXmppClient.connect()) {
            live.login("agent2", "desktop");

            // no provider: logins are refused for now, not for good
            Bundle fileProvider = Server.bundle(context, "io.switchboard.auth-file");
            fileProvider.stop();
            assertEquals("temporary-auth-failure", RawXmppClient.plainLogin("agent1", SwitchboardOptions.PASSWORD));
            live.ping("while-no-provider");

            // the users file again
            fileProvider.start();
            await("the users file is back").until(() -> "success".equals(RawXmppClient.plainLogin("agent1", SwitchboardOptions.PASSWORD)));

            // an operator configures tokens: they outrank the users file from the next login on
            Path tokenConfig = SwitchboardOptions.work().resolve("config/io.switchboard.auth.token.cfg");
            SwitchboardOptions.write(tokenConfig, "secret = " + SECRET);
            AtomicReference<String> token = new AtomicReference<>();
            await("the token provider is up").ignoreExceptions()
                    .until(() -> token.compareAndSet(null, Server.gogo(context, "switchboard:token agent1 60").trim()));
            await("tokens are used").until(() -> "success".equals(RawXmppClient.plainLogin("agent1", token.get())));
            assertEquals("not-authorized", RawXmppClient.plainLogin("agent1", SwitchboardOptions.PASSWORD));
            live.ping("while-tokens");

            // and removes them: passwords work again
            Files.delete(tokenConfig);
            await("passwords again").until(() -> "success".equals(RawXmppClient.plainLogin("agent1", SwitchboardOptions.PASSWORD)));
            assertEquals("not-authorized", RawXmppClient.plainLogin("agent1", token.get()));
            live.ping("after-all");
        }
    }
}
