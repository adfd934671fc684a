package io.switchboard.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** A configuration error is reported on the console with its file (PID) and key, and the server says it is not healthy. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StartupReportIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        // an agent in a team that does not exist: the simulator refuses to start
        return SwitchboardOptions.server(StartupReportIT.class,
                Map.of("io.switchboard.eventsource.simulator", List.of("agents = [ \"agent1:9\" ]")));
    }

    @Test
    public void theBrokenPartIsNamedWithItsFileAndKey() {
        await("reported").atMost(Duration.ofSeconds(60)).until(() -> {
            try {
                return Server.gogo(context, "switchboard:status");
            } catch (Exception e) {
                return ""; // the command is not there yet
            }
        }, status -> status.contains("FAILED io.switchboard.eventsource.simulator.impl.ContactCentreSimulator"));
        String status = status();
        assertTrue(status, status.contains("io.switchboard.eventsource.simulator: agents entry 'agent1:9' names team 9, which is not in 'teams'"));
        assertTrue(status, status.contains("NOT healthy") && status.contains("UNHEALTHY eventsources"));
    }

    private String status() {
        try {
            return Server.gogo(context, "switchboard:status");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
