package io.switchboard.api.threads;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class DaemonThreadsTest {

    @Test
    public void aNamedFactoryGivesEveryThreadItsNameAndNoneKeepsTheJvmUp() {
        DaemonThreads threads = DaemonThreads.named("switchboard-test");
        Thread first = threads.newThread(() -> { });
        Thread second = threads.newThread(() -> { });

        assertEquals("switchboard-test", first.getName());
        assertEquals("switchboard-test", second.getName());
        assertTrue(first.isDaemon() && second.isDaemon());
    }

    @Test
    public void aNumberedFactoryCountsItsOwnThreadsFromOne() {
        DaemonThreads writers = DaemonThreads.numbered("writer-");
        DaemonThreads timers = DaemonThreads.numbered("timer-");

        assertEquals("writer-1", writers.newThread(() -> { }).getName());
        assertEquals("writer-2", writers.newThread(() -> { }).getName());
        assertEquals("timer-1", timers.newThread(() -> { }).getName());
    }
}
