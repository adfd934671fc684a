package io.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code resume} scenario: no event lost across a dropped connection (issue 20). Desktops
 * bench1..benchN each subscribe to a node of their own and enable stream management with resumption
 * (XEP-0198); a publisher (bench0, an ordinary XMPP client) publishes {@code rate} items a second,
 * each to a random one of those nodes and numbered per node. Every desktop's connection is cut at
 * random, every {@code cut=2-8} seconds (uniformly), as a network failure cuts it (a reset: no
 * {@code <close/>}, no WebSocket close frame), and the desktop resumes on a new connection at once.
 * After {@code seconds}, cutting and publishing stop and the desktops are given up to {@code drain}
 * seconds to receive the rest.
 *
 * <p>Per node, by sequence number: lost is an item whose publication the server confirmed that the
 * desktop never received, duplicated one received twice, out of order one received after a later one.
 * Resume time is from the cut to {@code <resumed/>} received (a new connection, SASL PLAIN, the
 * restart, {@code <resume/>}). The server's own counters ({@code switchboard_sm_*} at {@code /metrics})
 * are read before and after, where they exist.
 */
final class CutAndResume {

    private static final String RESOURCE = "desktop";
    private static final int IN_FLIGHT = 64;

    private final Bench bench;
    private final int desktops;
    private final String cut;
    private final double cutMin;
    private final double cutMax;
    private final SequenceLedger[] ledgers; // by desktop, 1..N
    private final List<Desktop> connected = new ArrayList<>();
    private final Latencies resumeTimes = new Latencies();
    private final Latencies deliveries = new Latencies(); // publish→receive, items counted once
    private final AtomicLong cuts = new AtomicLong();
    private final AtomicLong resumed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong resumeErrors = new AtomicLong();
    private final AtomicLong misdelivered = new AtomicLong();
    private final ScheduledThreadPoolExecutor cutter;
    private volatile long cutUntil;

    /** A desktop and whether its session is attached; a failed resumption leaves it to be tried again. */
    private static final class Desktop {
        final int index;
        final XmppClient client;
        volatile boolean attached = true;

        Desktop(int index, XmppClient client) {
            this.index = index;
            this.client = client;
        }
    }

    private CutAndResume(Bench bench, int desktops, String cut) {
        this.bench = bench;
        this.desktops = desktops;
        this.cut = cut;
        String[] range = cut.split("-", 2);
        this.cutMin = Double.parseDouble(range[0]);
        this.cutMax = Double.parseDouble(range[range.length - 1]);
        if (desktops < 1 || cutMin <= 0 || cutMax < cutMin) {
            throw new IllegalArgumentException("desktops= must be at least 1, and cut=MIN-MAX seconds with 0 < MIN <= MAX");
        }
        this.ledgers = new SequenceLedger[desktops + 1];
        for (int i = 1; i <= desktops; i++) {
            ledgers[i] = new SequenceLedger();
        }
        // a resumption waits on the network: a few at once, so that a slow one does not delay the other cuts
        this.cutter = new ScheduledThreadPoolExecutor(16, task -> {
            Thread thread = new Thread(task, "cutter");
            thread.setDaemon(true);
            return thread;
        });
        cutter.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    static Map<String, Object> run(Bench bench, Map<String, String> options, ServerProcess server) throws Exception {
        int desktops = Integer.parseInt(options.getOrDefault("desktops", "200"));
        CutAndResume scenario = new CutAndResume(bench, desktops, options.getOrDefault("cut", "2-8"));
        return scenario.run(Integer.parseInt(options.getOrDefault("rate", "50")), Integer.parseInt(options.getOrDefault("seconds", "300")),
                Integer.parseInt(options.getOrDefault("drain", "60")), Integer.parseInt(options.getOrDefault("c", "50")),
                Long.parseLong(options.getOrDefault("seed", "42")), server, options.getOrDefault("url", "ws://127.0.0.1:7071/ws/"));
    }

    private Map<String, Object> run(int rate, int seconds, int drain, int c, long seed, ServerProcess server, String url)
            throws Exception {
        String prefix = "/bench/" + bench.runId() + "/resume/";
        XmppClient publisher = bench.connect();
        publisher.login(bench.domain(), "bench0", bench.password(), "publisher");
        for (int i = 1; i <= desktops; i++) {
            bench.createNode(publisher, prefix + i);
        }
        AtomicInteger errors = new AtomicInteger();
        List<XmppClient> sessions = new ArrayList<>();
        bench.connectMany(1, desktops, c, (i, client) -> {
            String node = prefix + i;
            client.onMessage(message -> received(i, node, message));
            String jid = client.login(bench.domain(), "bench" + i, bench.password(), RESOURCE);
            client.enableResumption();
            client.iq("set", bench.pubsub(), "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='" + node
                    + "' jid='" + jid + "'/></pubsub>");
            synchronized (connected) {
                connected.add(new Desktop(i, client));
            }
        }, sessions, errors);
        if (errors.get() > 0) {
            // every node must have its reader, or its items would count as lost
            throw new IllegalStateException(errors.get() + " of " + desktops + " desktops could not log in, enable resumption or subscribe");
        }
        System.err.println("resume: " + desktops + " desktops subscribed; cutting and publishing for " + seconds + " s");

        Map<String, Double> countersBefore = serverCounters(url);
        double cpuBefore = server == null ? Double.NaN : server.cpuSeconds();
        double ownBefore = Bench.ownCpu();
        long start = System.nanoTime();
        cutUntil = start + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (connected) {
            connected.forEach(this::scheduleCut);
        }
        long publishErrors = publish(publisher, prefix, rate, seed, start);
        cutter.shutdown(); // cuts due later are dropped; those under way finish
        if (!cutter.awaitTermination(2, TimeUnit.MINUTES)) {
            System.err.println("resume: resumptions still under way after 2 minutes");
        }
        double cpu = (server == null ? Double.NaN : server.cpuSeconds()) - cpuBefore;
        double own = Bench.ownCpu() - ownBefore;
        for (Desktop desktop : connected) {
            for (int attempt = 0; attempt < 3 && !desktop.attached; attempt++) {
                cutAndResume(desktop); // the last resumption failed: one more, so that it can receive the rest
            }
        }

        System.err.println("resume: cutting and publishing ended after " + Bench.round((System.nanoTime() - start) / 1e9)
                + " s; draining for up to " + drain + " s");
        long drainStart = System.nanoTime();
        long drainEnd = drainStart + TimeUnit.SECONDS.toNanos(drain);
        while (!allDelivered() && System.nanoTime() < drainEnd) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        double drained = (System.nanoTime() - drainStart) / 1e9;
        Map<String, Double> countersAfter = serverCounters(url);
        sessions.forEach(XmppClient::close);
        publisher.close();

        long published = 0;
        long delivered = 0;
        long lost = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        for (int i = 1; i <= desktops; i++) {
            published += ledgers[i].confirmedCount();
            delivered += ledgers[i].deliveredCount();
            lost += ledgers[i].lost();
            duplicated += ledgers[i].duplicated();
            outOfOrder += ledgers[i].outOfOrder();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "resume");
        result.put("desktops", connected.size());
        result.put("seconds", seconds);
        result.put("rate", rate + "/s");
        result.put("cut_every_s", cut);
        result.put("events_published", published);
        result.put("delivered", delivered);
        result.put("lost", lost);
        result.put("duplicated", duplicated);
        result.put("out_of_order", outOfOrder);
        result.put("misdelivered", misdelivered.get());
        result.put("publish_errors", publishErrors);
        result.put("cuts", cuts.get());
        result.put("resumptions", resumed.get());
        result.put("resumptions_failed", refused.get());
        result.put("resume_errors", resumeErrors.get());
        result.put("resume_p50_ms", Bench.round(resumeTimes.percentileMillis(50)));
        result.put("resume_p99_ms", Bench.round(resumeTimes.percentileMillis(99)));
        result.put("resume_max_ms", Bench.round(resumeTimes.percentileMillis(100)));
        result.put("delivery_p50_ms", Bench.round(deliveries.percentileMillis(50)));
        result.put("delivery_p99_ms", Bench.round(deliveries.percentileMillis(99)));
        result.put("delivery_max_ms", Bench.round(deliveries.percentileMillis(100)));
        result.put("server_resumed", difference(countersBefore, countersAfter, "switchboard_sm_resumed_total"));
        result.put("server_resent", difference(countersBefore, countersAfter, "switchboard_sm_resent_total"));
        result.put("server_refused", difference(countersBefore, countersAfter, "switchboard_sm_resume_refused_total"));
        result.put("drain_s", Bench.round(drained));
        result.put("server_cpu_s", Bench.round(cpu));
        result.put("server_cpu_percent", Bench.round(cpu * 100 / seconds));
        result.put("bench_cpu_s", Bench.round(own));
        return result;
    }

    /** A notification at desktop i, which subscribed to node alone. */
    private void received(int i, String node, String message) {
        long now = System.nanoTime();
        long seq = Bench.numberAttribute(message, "seq");
        if (seq < 0) {
            return; // not an item of this run
        }
        if (!message.contains(node + "'") && !message.contains(node + "\"")) {
            misdelivered.incrementAndGet();
            return;
        }
        if (ledgers[i].received((int) seq)) {
            deliveries.add(now - Bench.numberAttribute(message, "t"));
        }
    }

    /**
     * Publishes rate items a second until the cutting ends, each to a random desktop's node with
     * that node's next sequence number; at most 64 unanswered. Returns how many were refused.
     */
    private long publish(XmppClient publisher, String prefix, int rate, long seed, long start) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        int[] next = new int[desktops + 1];
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicLong refusedPublications = new AtomicLong();
        for (long k = 0;; k++) {
            long due = start + k * 1_000_000_000L / rate;
            if (due >= cutUntil) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int desktop = 1 + random.nextInt(desktops);
            int seq = next[desktop]++;
            inFlight.acquire();
            publisher.iqAsync("set", bench.pubsub(), "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='" + prefix
                    + desktop + "'><item id='s" + seq + "'><sample xmlns='urn:switchboard:bench' seq='" + seq + "' t='"
                    + System.nanoTime() + "'/></item></publish></pubsub>").whenComplete((answer, failure) -> {
                        if (answer != null && XmppClient.isResult(answer)) {
                            ledgers[desktop].confirmed(seq);
                        } else if (refusedPublications.getAndIncrement() < 3) {
                            System.err.println("resume: publication refused: " + (answer != null ? answer : failure));
                        }
                        inFlight.release();
                    });
        }
        if (!inFlight.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
            System.err.println("resume: publications still unanswered after 30 s");
        }
        return refusedPublications.get();
    }

    private void scheduleCut(Desktop desktop) {
        long delay = (long) (ThreadLocalRandom.current().nextDouble(cutMin, Math.nextUp(cutMax)) * 1000);
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) < cutUntil) {
            cutter.schedule(() -> {
                cutAndResume(desktop);
                scheduleCut(desktop);
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Cuts the desktop's connection and resumes at once; a refusal binds afresh (and what was in between is lost). */
    private void cutAndResume(Desktop desktop) {
        String user = "bench" + desktop.index;
        try {
            long cutAt = System.nanoTime();
            desktop.client.cut();
            cuts.incrementAndGet();
            desktop.attached = false;
            if (desktop.client.resume(bench.domain(), user, bench.password())) {
                resumeTimes.add(desktop.client.resumedAt() - cutAt);
                resumed.incrementAndGet();
            } else {
                refused.incrementAndGet();
                desktop.client.bind(RESOURCE);
                desktop.client.enableResumption();
            }
            desktop.attached = true;
        } catch (RuntimeException e) {
            if (resumeErrors.getAndIncrement() < 5) {
                System.err.println("resume: " + user + ": " + e.getMessage());
            }
        }
    }

    private boolean allDelivered() {
        for (int i = 1; i <= desktops; i++) {
            if (!ledgers[i].complete()) {
                return false;
            }
        }
        return true;
    }

    /** The server's stream-management counters at /metrics beside the WebSocket endpoint; empty when it has none. */
    private static Map<String, Double> serverCounters(String url) {
        Map<String, Double> counters = new LinkedHashMap<>();
        URI ws = URI.create(url);
        if (!"ws".equals(ws.getScheme())) {
            return counters;
        }
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + ws.getHost() + ":" + ws.getPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                answer.body().lines().filter(line -> line.startsWith("switchboard_sm_")).forEach(line -> {
                    int space = line.lastIndexOf(' ');
                    int labels = line.indexOf('{');
                    String name = line.substring(0, labels > 0 ? labels : space);
                    counters.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
                });
            }
        } catch (Exception e) {
            // no metrics there: the counters are reported as n/a
        }
        return counters;
    }

    private static Object difference(Map<String, Double> before, Map<String, Double> after, String counter) {
        if (!after.containsKey(counter)) {
            return "n/a";
        }
        return Math.round(after.get(counter) - before.getOrDefault(counter, 0.0));
    }
}
