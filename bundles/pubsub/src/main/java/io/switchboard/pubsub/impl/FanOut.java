package io.switchboard.pubsub.impl;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.threads.DaemonThreads;

/**
 * Hands an item's notifications to the router, which routes each one and renders it for its
 * subscriber's transport (the transports write on threads of their own); a large fan-out (hundreds
 * of subscribers of one node) is cut into shares that helper threads, one per processor beyond the
 * caller's, hand over side by side with the caller. The caller returns once every share has been
 * handed over, so one item's notifications are all queued before the next item's: each subscriber
 * still gets a node's items in order. Small fan-outs (a Finesse agent's event: the agent and a
 * supervisor) stay on the caller's thread.
 */
final class FanOut implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    /** Below this many notifications per share, a hand-off costs more than it saves. */
    static final int SHARE = 32;

    private final int helpers;
    private final ExecutorService executor;

    /** @param helpers threads besides the caller's; 0 sends everything on the caller's thread */
    FanOut(int helpers) {
        this.helpers = helpers;
        this.executor = helpers > 0
                ? Executors.newFixedThreadPool(helpers, DaemonThreads.numbered("switchboard-pubsub-fanout-")) : null;
    }

    /** One helper per processor beyond the first. */
    static FanOut perProcessor() {
        return new FanOut(Runtime.getRuntime().availableProcessors() - 1);
    }

    /**
     * Sends every notification and returns when all have been handed over. Shares run side by side:
     * the list is one event's notifications, one per recipient, whose order among themselves does not matter.
     */
    <T> void send(List<T> notifications, Consumer<? super T> send) {
        int shares = Math.min(helpers + 1, notifications.size() / SHARE);
        if (shares <= 1) {
            sendAll(notifications, send);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch sent = new CountDownLatch(shares);
        int size = notifications.size();
        Runnable work = () -> { // whoever comes takes the next share; a helper that comes late finds none
            for (int share; (share = next.getAndIncrement()) < shares;) {
                try {
                    sendAll(notifications.subList(share * size / shares, (share + 1) * size / shares), send);
                } finally {
                    sent.countDown();
                }
            }
        };
        for (int i = 1; i < shares; i++) {
            try {
                executor.execute(work);
            } catch (RejectedExecutionException e) {
                break; // closing: the caller sends what is left
            }
        }
        work.run();
        boolean interrupted = false;
        while (true) {
            try {
                sent.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the shares in progress finish regardless; wait for them
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One notification that cannot be sent does not keep the others from their subscribers. */
    private static <T> void sendAll(List<T> notifications, Consumer<? super T> send) {
        for (T notification : notifications) {
            try {
                send.accept(notification);
            } catch (RuntimeException e) {
                LOG.warn("Could not send a notification", e);
            }
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
        }
    }
}
