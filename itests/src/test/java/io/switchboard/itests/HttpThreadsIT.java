package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

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

/** The HTTP listeners' request threads are capped (io.switchboard.http maxThreads) and a burst of logins is served within the cap. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpThreadsIT {

    private static final int MAX_THREADS = 16;
    private static final int DESKTOPS = 40;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return SwitchboardOptions.server(HttpThreadsIT.class, Map.of("io.switchboard.http", List.of("maxThreads = " + MAX_THREADS)));
    }

    @Before
    public void ready() throws Exception {
        Server.awaitReady(context);
        Server.addUsers(context, IntStream.range(0, DESKTOPS).mapToObj(i -> "burst" + i).toArray(String[]::new));
    }

    @Test
    public void moreDesktopsThanThreadsLogInAtOnceAndTheThreadsStayWithinTheCap() throws Exception {
        ExecutorService desktops = Executors.newFixedThreadPool(DESKTOPS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RawXmppClient>> loggedIn = new ArrayList<>();
        for (int i = 0; i < DESKTOPS; i++) {
            String user = "burst" + i;
            loggedIn.add(desktops.submit(() -> {
                go.await();
                RawXmppClient client = RawXmppClient.connect();
                client.login(user, "desktop");
                client.ping("alive");
                return client;
            }));
        }
        go.countDown();
        int answered = 0;
        for (Future<RawXmppClient> desktop : loggedIn) {
            desktop.get().close();
            answered++;
        }
        desktops.shutdown();
        assertEquals(DESKTOPS, answered);

        long httpThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("switchboard-http")).count();
        assertTrue(httpThreads + " request threads", httpThreads > 0 && httpThreads <= MAX_THREADS);
    }
}
