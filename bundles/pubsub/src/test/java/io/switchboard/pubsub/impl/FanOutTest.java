package io.switchboard.pubsub.impl;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.Test;

public class FanOutTest {

    private static List<Integer> notifications(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    @Test
    public void everyNotificationIsSentOnceBeforeSendReturns() {
        try (FanOut fanOut = new FanOut(3)) {
            for (int size : new int[] {0, 1, FanOut.SHARE - 1, FanOut.SHARE * 2, 1000, 1001}) {
                Map<Integer, Integer> sent = new ConcurrentHashMap<>();
                fanOut.send(notifications(size), n -> sent.merge(n, 1, Integer::sum));
                assertEquals(size + " notifications",
                        notifications(size).stream().collect(Collectors.toMap(Function.identity(), n -> 1)), sent);
            }
        }
    }

    @Test
    public void oneFailingNotificationDoesNotKeepTheOthersBack() {
        try (FanOut fanOut = new FanOut(1)) {
            Map<Integer, Boolean> sent = new ConcurrentHashMap<>();
            fanOut.send(notifications(200), n -> {
                if (n % 50 == 7) {
                    throw new IllegalStateException("a session that just went away");
                }
                sent.put(n, true);
            });
            assertEquals(196, sent.size());
        }
    }

    @Test
    public void withoutHelpersOrAfterClosingTheCallerSendsEverythingInOrder() {
        FanOut closed = new FanOut(2);
        closed.close();
        for (FanOut fanOut : List.of(new FanOut(0), closed)) {
            List<Integer> sent = new ArrayList<>();
            List<String> threads = new ArrayList<>();
            fanOut.send(notifications(500), n -> {
                sent.add(n);
                threads.add(Thread.currentThread().getName());
            });
            assertEquals(notifications(500), sent);
            assertEquals(List.of(Thread.currentThread().getName()), threads.stream().distinct().toList());
        }
    }
}
