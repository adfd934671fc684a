package io.switchboard.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.switchboard.credentials.UserCredentials;

/**
 * The load generator. {@code java -cp ... io.switchboard.bench.Bench SCENARIO key=value...}
 * <ul>
 * <li>{@code users count= password= file=}: writes a Switchboard users file for bench1..benchN.
 * <li>{@code register count= c=}: creates bench0..benchN by in-band registration (XEP-0077), for
 * servers that hash and store passwords themselves (Prosody, ejabberd).
 * <li>{@code login n= c=}: n desktops log in, c at a time (SASL PLAIN, bind, presence with caps,
 * two subscriptions); logins/s, latency, server CPU per login.
 * <li>{@code idle n= c= processes= settle=}: holds n sessions; server RSS per session, read settle seconds (10) after the
 * last login and right after it, against the RSS read settle seconds after the scenario began; whether all still answer.
 * Past the open-files limit of one process, child JVMs hold them ({@code hold first= last=}, see {@link Holder}).
 * <li>{@code fanout subscribers= items= rate= payload= warmup=}: one publisher, every subscriber on one node;
 * deliveries/s, publish→receive latency, lost and duplicated notifications. rate=0 is flat out. Before
 * measuring, items are published flat out for warmup seconds (default 0), not counted.
 * <li>{@code contact-centre agents= teams= seconds=}: desktops of the server's own simulated contact centre;
 * event latency from the simulator's change to the desktop, server CPU ({@link ContactCentre}). Switchboard only.
 * <li>{@code resume desktops= rate= seconds= cut= drain=}: desktops whose connections are cut at random and
 * resumed (XEP-0198) while events are published to their nodes; lost, duplicated, resume time ({@link CutAndResume}).
 * <li>{@code contact-centre-config dir= agents= teams= interval=}: writes the simulator's configuration and
 * users into a Switchboard folder for that scenario.
 * </ul>
 * Common: {@code url=} ({@code ws://…} or {@code tcp://host:port}), {@code domain= password= pid=} (the server's process, for CPU and RSS) and
 * {@code server=} (a label). Prints one JSON line per scenario, then a table.
 */
public final class Bench {

    /** Files a load-generator JVM opens besides its sockets (jars, its selector, standard streams), with room to spare. */
    private static final int FILES_OF_OUR_OWN = 1000;

    private final Map<String, String> options;
    private final WebSocketLink.Reactor reactor = new WebSocketLink.Reactor();
    private final URI url;
    private final String domain;
    private final String password;
    private final ServerProcess server;
    /** Makes node names unique per invocation: a server keeps nodes and subscriptions across restarts. */
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    private Bench(Map<String, String> options) {
        this.options = options;
        this.url = URI.create(option("url", "ws://127.0.0.1:7071/ws/"));
        this.domain = option("domain", "localhost");
        this.password = option("password", "bench");
        this.server = options.containsKey("pid") ? new ServerProcess(Long.parseLong(options.get("pid"))) : null;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench users|login|idle|fanout key=value...");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            options.put(pair[0], pair.length == 2 ? pair[1] : "");
        }
        Bench bench = new Bench(options);
        if (args[0].equals("hold")) {
            bench.hold();
            System.exit(0);
        }
        Map<String, Object> result = switch (args[0]) {
            case "users" -> bench.users();
            case "register" -> bench.register();
            case "login" -> bench.login();
            case "idle" -> bench.idle();
            case "fanout" -> bench.fanout();
            case "contact-centre" -> ContactCentre.run(bench, options, bench.server);
            case "resume" -> CutAndResume.run(bench, options, bench.server);
            case "contact-centre-config" -> ContactCentre.configure(options);
            default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        };
        result.put("server", bench.option("server", "switchboard"));
        result.put("transport", "tcp".equals(bench.url.getScheme()) ? "tcp" : "websocket");
        System.out.println(json(result));
        System.exit(0); // the scenarios' sessions are left to the process's end
    }

    private String option(String key, String otherwise) {
        return options.getOrDefault(key, otherwise);
    }

    private int number(String key, int otherwise) {
        return Integer.parseInt(option(key, String.valueOf(otherwise)));
    }

    String pubsub() {
        return option("pubsub", "pubsub." + domain);
    }

    // ---- scenarios ----------------------------------------------------------------------------------

    private Map<String, Object> users() throws Exception {
        int count = number("count", 1000);
        StringBuilder file = new StringBuilder("# bench users, password '" + password + "'\n");
        // PBKDF2 for up to tens of thousands of users: on every core
        List<String> credentials = java.util.stream.IntStream.rangeClosed(0, count).parallel()
                .mapToObj(i -> UserCredentials.create(password, 4096).encode()).toList();
        for (int i = 0; i <= count; i++) {
            file.append("bench").append(i).append(" = ").append(credentials.get(i)).append('\n');
        }
        Files.writeString(Path.of(option("file", "users.properties")), file, StandardCharsets.UTF_8);
        Map<String, Object> result = result("users");
        result.put("count", count + 1);
        return result;
    }

    private Map<String, Object> register() throws Exception {
        int count = number("count", 1000);
        AtomicInteger errors = new AtomicInteger();
        List<XmppClient> sessions = new ArrayList<>();
        // up to three passes: a registration that failed (ejabberd once dropped one of 2,001) is tried again,
        // one that succeeded before answers conflict, which counts as done
        for (int pass = 0; pass < 3 && (pass == 0 || errors.get() > 0); pass++) {
            errors.set(0);
            // each connection closed once its user exists: tens of thousands held open would hit the open-files limit
            connectMany(0, count, number("c", 20), (i, client) -> {
                try {
                    client.register(domain, "bench" + i, password);
                } finally {
                    client.close();
                }
            }, sessions, errors);
        }
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " registrations failed");
        }
        Map<String, Object> result = result("register");
        result.put("count", count + 1);
        return result;
    }

    private Map<String, Object> login() throws Exception {
        int n = number("n", 500);
        int c = number("c", 50);
        List<String> nodes = List.of("/bench/" + run + "/a", "/bench/" + run + "/b");
        prepareNodes(nodes);
        Latencies latencies = new Latencies();
        List<XmppClient> sessions = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        double cpuBefore = cpu();
        double ownBefore = ownCpu();
        long start = System.nanoTime();
        connectMany(n, c, (i, client) -> {
            long t0 = System.nanoTime();
            String jid = client.login(domain, "bench" + i, password, "desktop");
            for (String node : nodes) {
                client.iq("set", pubsub(), "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='" + node
                        + "' jid='" + jid + "'/></pubsub>");
            }
            latencies.add(System.nanoTime() - t0);
        }, sessions, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpu() - cpuBefore;
        double own = ownCpu() - ownBefore;
        sessions.forEach(XmppClient::close);
        Map<String, Object> result = result("login");
        result.put("n", n);
        result.put("c", c);
        result.put("logins_per_s", round(latencies.count() / seconds));
        result.put("p50_ms", round(latencies.percentileMillis(50)));
        result.put("p99_ms", round(latencies.percentileMillis(99)));
        result.put("server_cpu_ms_per_login", round(cpu * 1000 / Math.max(1, latencies.count())));
        result.put("bench_cpu_s", round(own));
        result.put("wall_s", round(seconds));
        result.put("errors", errors.get());
        return result;
    }

    /**
     * Holds n sessions, then pings through each. Past what one process may open (its open-files limit,
     * less the JVM's own files), the sessions are held by child JVMs, each a share ({@link Holder}).
     */
    private Map<String, Object> idle() throws Exception {
        int n = number("n", 2000);
        int c = number("c", 50);
        long perProcess = Math.max(1, maxOpenFiles() - FILES_OF_OUR_OWN);
        int processes = number("processes", (int) ((n + perProcess - 1) / perProcess));
        // the server measured in the same state at both ends: settled, before the logins as after them
        // (a server just started still holds what starting took, and may give it back while the sessions are held)
        Thread.sleep(1000L * number("settle", 10));
        long rssBefore = rss();
        long start = System.nanoTime();
        List<Holder> holders = new ArrayList<>();
        try {
            if (processes == 1) {
                holders.add(Holder.local(this, 1, n, c));
            } else {
                // the logins' concurrency shared out: maxUnauthenticatedPerAddress counts them all (one address)
                List<String> passed = options.entrySet().stream().filter(option -> !List.of("n", "c", "processes")
                        .contains(option.getKey())).map(option -> option.getKey() + "=" + option.getValue()).toList();
                for (int p = 0; p < processes; p++) {
                    holders.add(Holder.child(passed, 1 + (int) ((long) n * p / processes), (int) ((long) n * (p + 1) / processes),
                            Math.max(1, c / processes)));
                }
            }
            int up = 0;
            int errors = 0;
            for (Holder holder : holders) {
                int[] held = holder.held();
                up += held[0];
                errors += held[1];
            }
            double loginSeconds = (System.nanoTime() - start) / 1e9;
            long rssAtLogin = rss();
            // idle means idle: what the sessions hold once the server has had time to settle after the logins'
            // burst (a JVM's heap grows in a burst and gives memory back later), the same wait for every server
            Thread.sleep(1000L * number("settle", 10));
            long rssAfter = rss();
            long files = server == null ? -1 : server.openFiles();
            long benchRss = holders.stream().mapToLong(holder -> new ServerProcess(holder.pid()).rssKib()).sum();
            int answering = 0;
            for (Holder holder : holders) {
                int[] answered = holder.ping();
                answering += answered[0];
                errors += answered[1];
            }
            Map<String, Object> result = result("idle");
            if (options.containsKey("many")) { // bench/compare's idle-many: a row of its own in the table
                result.put("many", "yes");
            }
            result.put("n", n);
            result.put("sessions_held", up);
            result.put("sessions_up", answering);
            result.put("rss_kib_per_session", rssBefore < 0 ? "n/a" : round((rssAfter - rssBefore) / (double) n));
            result.put("rss_kib_per_session_at_login", rssBefore < 0 ? "n/a" : round((rssAtLogin - rssBefore) / (double) n));
            result.put("rss_mib", rssAfter < 0 ? "n/a" : round(rssAfter / 1024.0));
            result.put("server_open_files", files < 0 ? "n/a" : files);
            result.put("login_s", round(loginSeconds));
            result.put("bench_processes", processes);
            result.put("bench_rss_mib", round(benchRss / 1024.0));
            result.put("errors", errors);
            return result;
        } finally {
            holders.forEach(Holder::close);
        }
    }

    /** A child of {@link #idle()}: holds bench{first}..bench{last} until told to close them. */
    private void hold() throws Exception {
        Holder.serve(Holder.local(this, number("first", 1), number("last", 1), number("c", 50)), System.out);
    }

    private Map<String, Object> fanout() throws Exception {
        int subscribers = number("subscribers", 200);
        int items = number("items", 200);
        int rate = number("rate", 0);
        int warmup = number("warmup", 0);
        // a Finesse user Update is about 1.5 KB of escaped text; the sample carries as much filler
        String filler = "x".repeat(number("payload", 1500));
        String node = "/bench/" + run + "/fanout";
        XmppClient publisher = XmppClient.connect(reactor, url);
        publisher.login(domain, "bench0", password, "publisher");
        createNode(publisher, node);

        Latencies latencies = new Latencies();
        Map<Long, long[]> perItem = new ConcurrentHashMap<>(); // each item's first and last delivery's latency
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicLong warmupDeliveries = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong lastReceived = new AtomicLong();
        List<XmppClient> sessions = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        connectMany(subscribers, 50, (i, client) -> {
            String jid = client.login(domain, "bench" + i, password, "desktop");
            client.onMessage(message -> {
                long now = System.nanoTime(); // before anything else: what follows is the load generator's time
                // only this run's node: ejabberd sends a subscriber, when it comes online, the last item
                // of every node it was subscribed to before (send_last_published_item, its default)
                if (!message.contains(node)) {
                    return;
                }
                long seq = numberAttribute(message, "seq");
                long sent = numberAttribute(message, "t");
                if (seq < 0 || sent < 0) {
                    return;
                }
                if (seq >= items) { // published to warm the load generator up: not measured
                    warmupDeliveries.incrementAndGet();
                    return;
                }
                if (!seen.add((long) i * items + seq)) {
                    duplicates.incrementAndGet();
                }
                long latency = now - sent;
                latencies.add(latency);
                perItem.merge(seq, new long[] {latency, latency},
                        (known, one) -> new long[] {Math.min(known[0], one[0]), Math.max(known[1], one[1])});
                lastReceived.accumulateAndGet(now, Math::max);
            });
            client.iq("set", pubsub(), "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='" + node
                    + "' jid='" + jid + "'/></pubsub>");
        }, sessions, errors);

        Semaphore inFlight = new Semaphore(64);
        if (warmup > 0) {
            // this JVM's own compiler would otherwise still be at work, on the two cores the server uses, while measuring
            long published = 0;
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup); System.nanoTime() < end; published++) {
                publish(publisher, node, inFlight, items + published, filler);
            }
            long expectedWarmup = published * sessions.size();
            await(() -> warmupDeliveries.get() >= expectedWarmup, 60);
        }
        double cpuBefore = cpu();
        double ownBefore = ownCpu();
        long start = System.nanoTime();
        for (int seq = 0; seq < items; seq++) {
            if (rate > 0) {
                long due = start + seq * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            publish(publisher, node, inFlight, seq, filler);
        }
        long expected = (long) sessions.size() * items;
        await(() -> seen.size() >= expected, 60);
        double seconds = (lastReceived.get() - start) / 1e9;
        double cpu = cpu() - cpuBefore;
        double own = ownCpu() - ownBefore;
        sessions.forEach(XmppClient::close);
        publisher.close();

        Map<String, Object> result = result("fanout");
        result.put("subscribers", sessions.size());
        result.put("items", items);
        result.put("rate", rate == 0 ? "flat out" : rate + "/s");
        result.put("payload_bytes", filler.length());
        result.put("deliveries_per_s", round(seen.size() / seconds));
        result.put("p50_ms", round(latencies.percentileMillis(50)));
        result.put("p99_ms", round(latencies.percentileMillis(99)));
        result.put("max_ms", round(latencies.percentileMillis(100)));
        // where the time goes: to an item's first subscriber (the publish, stored), then to its last (the fan-out)
        Latencies first = new Latencies();
        Latencies spread = new Latencies();
        perItem.values().forEach(firstAndLast -> {
            first.add(firstAndLast[0]);
            spread.add(firstAndLast[1] - firstAndLast[0]);
        });
        result.put("first_p50_ms", round(first.percentileMillis(50)));
        result.put("first_p99_ms", round(first.percentileMillis(99)));
        result.put("spread_p50_ms", round(spread.percentileMillis(50)));
        result.put("spread_p99_ms", round(spread.percentileMillis(99)));
        result.put("lost", expected - seen.size());
        result.put("duplicated", duplicates.get());
        result.put("server_cpu_s", round(cpu));
        result.put("bench_cpu_s", round(own));
        result.put("errors", errors.get());
        return result;
    }

    /** Publishes one sample item, stamped with the time it is sent; at most 64 unanswered. */
    private void publish(XmppClient publisher, String node, Semaphore inFlight, long seq, String filler) throws InterruptedException {
        inFlight.acquire();
        publisher.iqAsync("set", pubsub(), "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='" + node
                + "'><item id='i" + seq + "'><sample xmlns='urn:switchboard:bench' seq='" + seq + "' t='"
                + System.nanoTime() + "'>" + filler + "</sample></item></publish></pubsub>").whenComplete((answer, failure) -> inFlight.release());
    }

    /** Waits until the condition holds, or for the seconds at most. */
    private static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /**
     * The number in the attribute {@code name='…'} (or {@code "…"}) of a stanza's text, -1 if there is
     * none; each attribute is looked for on its own, as Prosody writes them in no fixed order. Plain
     * searches, not a regular expression: it runs twice per delivery and a pattern scanning the
     * 1,500-byte sample was a quarter of the load generator's CPU.
     */
    static long numberAttribute(String xml, String name) {
        String key = name + "=";
        for (int at = xml.indexOf(key); at > 0; at = xml.indexOf(key, at + 1)) {
            int quote = at + key.length();
            if (!Character.isWhitespace(xml.charAt(at - 1)) || quote >= xml.length()
                    || (xml.charAt(quote) != '\'' && xml.charAt(quote) != '"')) {
                continue;
            }
            int end = xml.indexOf(xml.charAt(quote), quote + 1);
            if (end > quote + 1 && Character.isDigit(xml.charAt(quote + 1))) {
                try {
                    return Long.parseLong(xml, quote + 1, end, 10);
                } catch (NumberFormatException notANumber) {
                    // look further
                }
            }
        }
        return -1;
    }

    // ---- helpers -------------------------------------------------------------------------------------

    interface Session {
        void run(int index, XmppClient client) throws Exception;
    }

    String domain() {
        return domain;
    }

    /** Unique per invocation, for node names: a server keeps nodes and subscriptions across restarts. */
    String runId() {
        return run;
    }

    /** A new connection to the server under test. */
    XmppClient connect() {
        return XmppClient.connect(reactor, url);
    }

    String password() {
        return password;
    }

    /** Connects n clients (bench1..benchN), c at a time, each running the session; keeps them open. */
    private void connectMany(int n, int c, Session session, List<XmppClient> into, AtomicInteger errors)
            throws InterruptedException {
        connectMany(1, n, c, session, into, errors);
    }

    void connectMany(int first, int last, int c, Session session, List<XmppClient> into, AtomicInteger errors)
            throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(c);
        for (int i = first; i <= last; i++) {
            int index = i;
            workers.execute(() -> {
                try {
                    XmppClient client = XmppClient.connect(reactor, url);
                    synchronized (into) {
                        into.add(client);
                    }
                    session.run(index, client);
                } catch (Exception e) {
                    if (errors.getAndIncrement() < 3) {
                        System.err.println("bench" + index + ": " + e.getMessage());
                    }
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.HOURS);
    }

    private void prepareNodes(List<String> nodes) {
        try (XmppClient owner = XmppClient.connect(reactor, url)) {
            owner.login(domain, "bench0", password, "setup");
            for (String node : nodes) {
                createNode(owner, node);
            }
        }
    }

    /**
     * Creates the node with the open access model (Prosody's and ejabberd's default is open too, but a
     * site may change the default; Switchboard ignores the field), or empties it when it exists.
     */
    void createNode(XmppClient owner, String node) {
        try {
            owner.iq("set", pubsub(), "<pubsub xmlns='http://jabber.org/protocol/pubsub'><create node='" + node + "'/>"
                    + "<configure><x xmlns='jabber:x:data' type='submit'>"
                    + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#node_config</value></field>"
                    + "<field var='pubsub#access_model'><value>open</value></field></x></configure></pubsub>");
        } catch (IllegalStateException exists) {
            owner.iq("set", pubsub(), "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><purge node='" + node + "'/></pubsub>");
        }
    }

    /** How many files this process may open: the sockets a share of the idle scenario may hold, and a few. */
    private static long maxOpenFiles() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : Long.MAX_VALUE;
    }

    /**
     * The load generator's own CPU seconds: with the server's and the wall time, whether it, not
     * the server, used up the machine (2 cores: 2 CPU seconds per second).
     */
    static double ownCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private double cpu() {
        return server == null ? Double.NaN : server.cpuSeconds();
    }

    private long rss() {
        return server == null ? -1 : server.rssKib();
    }

    private static Map<String, Object> result(String scenario) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", scenario);
        return result;
    }

    static Object round(double value) {
        return Double.isNaN(value) ? "n/a" : Math.round(value * 100) / 100.0;
    }

    private static String json(Map<String, Object> values) {
        StringBuilder json = new StringBuilder("{");
        values.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":")
                .append(value instanceof Number ? String.format(Locale.ROOT, "%s", value) : "\"" + value + "\""));
        return json.append('}').toString();
    }
}
