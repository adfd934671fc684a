package io.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.switchboard.credentials.UserCredentials;

/**
 * The {@code contact-centre} scenario: Switchboard's own simulator (bundle eventsource-simulator)
 * runs a centre of agents in teams and publishes every agent-state change to the agent's User node
 * and to its team's node, as Finesse Updates. Every agent's desktop logs in and subscribes to its own
 * User node; each team's supervisor subscribes to the team node too (the Finesse desktop's own
 * subscriptions; the server's automatic ones, for the Finesse profile, come on top), and to its team's
 * queue node where there is one (a simulator of calls makes a queue per team).
 *
 * <p>End-to-end latency: the simulator stamps each change with the time it makes it
 * ({@code stateChangeTime} in the Update, ISO-8601 with milliseconds) just before publishing, and
 * the desktop compares that with the time it reads the notification, on the same machine's clock.
 * The stamp is cut to the millisecond, so a latency reads up to 1 ms high (0.5 ms on average).
 *
 * <p>With calls on (a simulator that simulates calls, {@code calls=}), the simulator stamps a change
 * with its simulated time, which may be up to its tick (50 ms) before it publishes: then the
 * desk-action latency below is the one to read.
 *
 * <p>Desk actions, timed on the load generator's clock alone: a few times a second a random agent's
 * desktop sets its state READY or NOT_READY with Finesse's REST API ({@code PUT /finesse/api/User/<id>},
 * HTTP Basic), and the time until the Update with that state reaches that desktop over XMPP is
 * measured: what an agent waits between a click and its desktop showing it. A state the agent may
 * not leave (a call) is refused with 400 and counted.
 *
 * <p>Lost: every change of a measured second is expected twice, on the agent's node at the agent's
 * desktop and on the team node at the supervisor's; one missing after a drain is lost. Duplicated:
 * the same item twice at the same desktop.
 *
 * <p>Peers have no simulator: the scenario is Switchboard's only.
 */
final class ContactCentre {

    private static final Pattern NODE = Pattern.compile("<items\\s[^>]*node=['\"]([^'\"]+)['\"]");
    private static final Pattern ITEM = Pattern.compile("<item\\s[^>]*id=['\"]([^'\"]+)['\"]");
    private static final Pattern SOURCE = text("source");
    private static final Pattern STATE = text("state");
    private static final Pattern TIME = text("stateChangeTime");
    private static final Pattern USER_NODE = Pattern.compile("/finesse/api/User/([^/]+)");
    private static final Pattern TEAM_NODE = Pattern.compile("/finesse/api/Team/([^/]+)/Users");

    private ContactCentre() {
    }

    /** An element's text inside the Update, which travels escaped ({@code &lt;state&gt;}) or, with another server, not. */
    private static Pattern text(String element) {
        return Pattern.compile("(?:&lt;|<)" + element + "(?:&gt;|>)([^&<]*)(?:&lt;|<)/" + element + "(?:&gt;|>)");
    }

    /** The centre's shape, from the options: agents in teams, one supervisor per team. */
    record Centre(int agents, int teams) {
        Centre {
            if (agents < 1 || teams < 1 || teams > agents) {
                throw new IllegalArgumentException("agents= and teams= must be at least 1, and teams at most agents");
            }
        }

        /** agent1..agentN in teams 1..T, in blocks: team 1 holds the first N/T agents. */
        int teamOf(int agent) {
            return (int) ((long) (agent - 1) * teams / agents) + 1;
        }
    }

    /**
     * {@code contact-centre-config dir= agents= teams= interval= password=}: writes into a Switchboard
     * folder's config/ the simulator's configuration (teams {@code t:Team t}, agents
     * {@code agentN:t}, supervisors {@code supervisorT:T}, a state change every {@code interval} ms)
     * and the users file with every agent and supervisor (salted SCRAM credentials, 4,096 iterations).
     */
    static Map<String, Object> configure(Map<String, String> options) throws Exception {
        Centre centre = new Centre(Integer.parseInt(options.getOrDefault("agents", "2000")),
                Integer.parseInt(options.getOrDefault("teams", "100")));
        double calls = Double.parseDouble(options.getOrDefault("calls", "0"));
        // without calls the pace is every change (50/s); with calls it is only the agents' breaks
        long interval = Long.parseLong(options.getOrDefault("interval", calls > 0 ? "2000" : "20"));
        String password = options.getOrDefault("password", "bench");
        Path config = Path.of(options.getOrDefault("dir", "."), "config");
        String teams = list(IntStream.rangeClosed(1, centre.teams()).mapToObj(t -> t + ":Team " + t));
        String agents = list(IntStream.rangeClosed(1, centre.agents()).mapToObj(a -> "agent" + a + ":" + centre.teamOf(a)));
        String supervisors = list(IntStream.rangeClosed(1, centre.teams()).mapToObj(t -> "supervisor" + t + ":" + t));
        String extra = "";
        if (calls > 0) {
            // calls arriving across the centre (a simulator that knows calls; an older one ignores these
            // keys and walks the agents through the states at the pace): sized as docs/simulator.md's
            // example, one queue per team, a fixed seed so that runs repeat
            extra += "callsPerMinute = \"" + calls + "\"\nhandleSeconds = \"45\"\nwrapUpSeconds = \"15\"\n"
                    + "notReadyPercent = \"5\"\nnotReadySeconds = \"10\"\nseed = \"42\"\n";
        }
        if (!options.getOrDefault("simulator", "").isBlank()) {
            // quoted, as every value in a file with [ ] lists (File Install reads it as typed)
            extra += "# more keys, from the load generator's simulator= option (key=value;key=value)\n"
                    + java.util.Arrays.stream(options.get("simulator").split(";")).map(pair -> pair.split("=", 2))
                            .map(pair -> pair[0].trim() + " = \"" + (pair.length == 2 ? pair[1].trim() : "") + "\"")
                            .collect(Collectors.joining("\n")) + "\n";
        }
        Files.writeString(config.resolve("io.switchboard.eventsource.simulator.cfg"),
                "# written by the load generator (contact-centre-config) for the contact-centre scenario\n"
                        + "teams = " + teams + "\nagents = " + agents + "\nsupervisors = " + supervisors + "\n"
                        + "intervalMillis = \"" + interval + "\"\n" + extra, StandardCharsets.UTF_8);
        StringBuilder users = new StringBuilder("# contact-centre users, password '" + password + "'\n");
        List<String> names = new ArrayList<>();
        IntStream.rangeClosed(1, centre.agents()).forEach(a -> names.add("agent" + a));
        IntStream.rangeClosed(1, centre.teams()).forEach(t -> names.add("supervisor" + t));
        // PBKDF2 for thousands of users: on every core
        Map<String, String> credentials = names.parallelStream().collect(Collectors.toConcurrentMap(name -> name,
                name -> UserCredentials.create(password, 4096).encode()));
        names.forEach(name -> users.append(name).append(" = ").append(credentials.get(name)).append('\n'));
        Files.writeString(config.resolve("users.properties"), users, StandardCharsets.UTF_8);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "contact-centre-config");
        result.put("agents", centre.agents());
        result.put("teams", centre.teams());
        result.put("interval_ms", interval);
        result.put("calls_per_minute", calls);
        return result;
    }

    private static String list(java.util.stream.Stream<String> values) {
        return "[ " + values.map(value -> "\"" + value + "\"").collect(Collectors.joining(", ")) + " ]";
    }

    /**
     * What the scenario reads of a notification: its node and item id, and of the Update it carries
     * the user whose change it is (the last segment of {@code source}), the new state and its stamp;
     * each null when missing.
     */
    record Update(String node, String item, String user, String state, String time) {

        /** Null for a message that is not a pubsub notification. */
        static Update parse(String message) {
            Matcher node = NODE.matcher(message);
            if (!node.find()) {
                return null;
            }
            Matcher item = ITEM.matcher(message);
            Matcher source = SOURCE.matcher(message);
            Matcher state = STATE.matcher(message);
            Matcher time = TIME.matcher(message);
            return new Update(node.group(1), item.find() ? item.group(1) : null,
                    source.find() ? source.group(1).substring(source.group(1).lastIndexOf('/') + 1) : null,
                    state.find() ? state.group(1) : null, time.find() ? time.group(1) : null);
        }
    }

    /** One agent-state change as the desktops see it: whose, when, to what. */
    private record Change(String user, String time, String state) {
    }

    /** A desk action waiting for its Update at the agent's desktop. */
    private record Action(String state, CompletableFuture<Long> seen) {
    }

    /** {@code contact-centre agents= teams= c= seconds= warmup=}: see the class comment. */
    static Map<String, Object> run(Bench bench, Map<String, String> options, ServerProcess server) throws Exception {
        Centre centre = new Centre(Integer.parseInt(options.getOrDefault("agents", "2000")),
                Integer.parseInt(options.getOrDefault("teams", "100")));
        int c = Integer.parseInt(options.getOrDefault("c", "50"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        String pubsub = options.getOrDefault("pubsub", "pubsub." + bench.domain());

        // the measured window, as wall-clock milliseconds (the clock the simulator stamps with)
        AtomicLong windowStart = new AtomicLong(Long.MAX_VALUE);
        AtomicLong windowEnd = new AtomicLong(Long.MAX_VALUE);
        Latencies latencies = new Latencies();
        Map<Change, Boolean> atAgent = new ConcurrentHashMap<>(); // seen on the agent's node at its desktop
        Map<Change, Boolean> atSupervisor = new ConcurrentHashMap<>(); // on the team node at the supervisor's
        Set<String> items = ConcurrentHashMap.newKeySet();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong others = new AtomicLong(); // Updates of other nodes (dialogs, queues): counted, not timed
        AtomicLong wrongDesktop = new AtomicLong();
        Map<String, Action> actions = new ConcurrentHashMap<>(); // by agent

        // desktop i: supervisors 1..T first (the team nodes' readers), then agents 1..N
        List<XmppClient> desktops = new ArrayList<>();
        AtomicInteger up = new AtomicInteger();
        AtomicInteger queueReaders = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long loginStart = System.nanoTime();
        bench.connectMany(1, centre.teams() + centre.agents(), c, (i, client) -> {
            boolean supervisor = i <= centre.teams();
            String user = supervisor ? "supervisor" + i : "agent" + (i - centre.teams());
            String team = String.valueOf(supervisor ? i : centre.teamOf(i - centre.teams()));
            client.onMessage(message -> {
                Instant received = Instant.now();
                Update update = Update.parse(message);
                if (update == null) {
                    return;
                }
                Matcher userNode = USER_NODE.matcher(update.node());
                Matcher teamNode = TEAM_NODE.matcher(update.node());
                if (update.time() == null || !(userNode.matches() || teamNode.matches())) {
                    others.incrementAndGet();
                    return;
                }
                if (update.item() != null && !items.add(user + " " + update.node() + " " + update.item())) {
                    duplicates.incrementAndGet();
                    return;
                }
                Action action = userNode.matches() && user.equals(update.user()) ? actions.get(user) : null;
                if (action != null && action.state().equals(update.state())) {
                    action.seen().complete(System.nanoTime());
                }
                Instant stamped = Instant.parse(update.time());
                if (stamped.toEpochMilli() < windowStart.get() || stamped.toEpochMilli() >= windowEnd.get()) {
                    return;
                }
                latencies.add(Duration.between(stamped, received).toNanos());
                Change change = new Change(update.user(), update.time(), update.state());
                boolean right = userNode.matches() ? userNode.group(1).equals(user) && user.equals(update.user())
                        : teamNode.group(1).equals(team) && supervisor;
                if (!right) {
                    wrongDesktop.incrementAndGet();
                }
                (userNode.matches() ? atAgent : atSupervisor).put(change, Boolean.TRUE);
            });
            String jid = client.login(bench.domain(), user, bench.password(), "desktop");
            // as the desktop: its own node, and a supervisor its team's (the Finesse trace's two subscriptions)
            subscribe(client, pubsub, "/finesse/api/User/" + user, jid);
            if (supervisor) {
                subscribe(client, pubsub, "/finesse/api/Team/" + team + "/Users", jid);
                try {
                    // its team's queue, where a simulator of calls makes one per team (with the team's id)
                    subscribe(client, pubsub, "/finesse/api/Queue/" + team, jid);
                    queueReaders.incrementAndGet();
                } catch (IllegalStateException noSuchNode) {
                    // a simulator without calls has no queues
                }
            }
            up.incrementAndGet();
        }, desktops, errors);
        double loginSeconds = (System.nanoTime() - loginStart) / 1e9;

        // the server's automatic subscriptions and the JIT settle while the centre runs unmeasured
        TimeUnit.SECONDS.sleep(warmup);
        double cpuBefore = server == null ? Double.NaN : server.cpuSeconds();
        double ownBefore = Bench.ownCpu();
        windowStart.set(System.currentTimeMillis());
        windowEnd.set(windowStart.get() + seconds * 1000L);
        int[] outcomes = {0, 0}; // desk actions refused (a call), and failed (not taken, or no Update within 10 s)
        Latencies actionLatencies = deskActions(bench, options, centre, actions, windowEnd.get(), outcomes);
        TimeUnit.MILLISECONDS.sleep(Math.max(0, windowEnd.get() - System.currentTimeMillis()));
        double cpu = (server == null ? Double.NaN : server.cpuSeconds()) - cpuBefore;
        double own = Bench.ownCpu() - ownBefore;
        // the window's last changes still on their way: wait until both sides have each, or 10 s
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < drainUntil && (!atSupervisor.keySet().containsAll(atAgent.keySet())
                || !atAgent.keySet().containsAll(atSupervisor.keySet()))) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        Set<Change> changes = ConcurrentHashMap.newKeySet();
        changes.addAll(atAgent.keySet());
        changes.addAll(atSupervisor.keySet());
        long lost = changes.stream().filter(change -> !atAgent.containsKey(change)).count()
                + changes.stream().filter(change -> !atSupervisor.containsKey(change)).count();
        desktops.forEach(XmppClient::close);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "contact-centre");
        result.put("agents", centre.agents());
        result.put("teams", centre.teams());
        result.put("supervisors", centre.teams());
        result.put("desktops", up.get());
        result.put("queue_subscriptions", queueReaders.get());
        result.put("login_s", Bench.round(loginSeconds));
        result.put("seconds", seconds);
        result.put("changes_per_s", Bench.round(changes.size() / (double) seconds));
        result.put("deliveries_per_s", Bench.round(latencies.count() / (double) seconds));
        result.put("p50_ms", Bench.round(latencies.percentileMillis(50)));
        result.put("p99_ms", Bench.round(latencies.percentileMillis(99)));
        result.put("max_ms", Bench.round(latencies.percentileMillis(100)));
        result.put("desk_actions", actionLatencies.count());
        result.put("desk_action_p50_ms", Bench.round(actionLatencies.percentileMillis(50)));
        result.put("desk_action_p99_ms", Bench.round(actionLatencies.percentileMillis(99)));
        result.put("desk_actions_refused", outcomes[0]);
        result.put("desk_actions_failed", outcomes[1]);
        result.put("server_cpu_s", Bench.round(cpu));
        result.put("server_cpu_percent", Bench.round(cpu * 100 / seconds));
        result.put("bench_cpu_s", Bench.round(own));
        result.put("rss_mib", server == null ? "n/a" : Bench.round(server.rssKib() / 1024.0));
        result.put("lost", lost);
        result.put("duplicated", duplicates.get());
        result.put("misdelivered", wrongDesktop.get());
        result.put("other_updates", others.get());
        result.put("errors", errors.get());
        return result;
    }

    /**
     * Desk actions until the window ends, {@code actions=} a second (5): a random agent's desktop PUTs
     * READY or NOT_READY (reason Break) and waits for that state on its own node. One at a time, so
     * that the server sees a desktop's pace, not a flood. Counts into outcomes those refused (400
     * Invalid State: a call) and those that failed (the simulator too busy to take them, or no Update
     * within 10 s).
     */
    private static Latencies deskActions(Bench bench, Map<String, String> options, Centre centre, Map<String, Action> actions,
            long until, int[] outcomes) throws InterruptedException {
        Latencies latencies = new Latencies();
        double perSecond = Double.parseDouble(options.getOrDefault("actions", "5"));
        if (perSecond <= 0) {
            return latencies;
        }
        URI ws = URI.create(options.getOrDefault("url", "ws://127.0.0.1:7071/ws/"));
        HttpClient http = HttpClient.newHttpClient();
        SplittableRandom random = new SplittableRandom(42);
        long pause = (long) (1000 / perSecond);
        while (System.currentTimeMillis() + pause < until) {
            long next = System.currentTimeMillis() + pause;
            String agent = "agent" + (1 + random.nextInt(centre.agents()));
            String state = random.nextBoolean() ? "READY" : "NOT_READY";
            Action action = new Action(state, new CompletableFuture<>());
            actions.put(agent, action);
            long start = System.nanoTime();
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://" + ws.getHost() + ":"
                        + ws.getPort() + "/finesse/api/User/" + agent))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((agent + ":" + bench.password())
                                .getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/xml")
                        .PUT(HttpRequest.BodyPublishers.ofString("<User><state>" + state + "</state>"
                                + (state.equals("NOT_READY") ? "<reasonCodeId>1</reasonCodeId>" : "") + "</User>"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 202) {
                    latencies.add(action.seen().get(10, TimeUnit.SECONDS) - start);
                } else if (answer.statusCode() == 400 && answer.body().contains("busy")) {
                    outcomes[1]++; // the simulator did not take it within its 5 s: behind with its publishing
                } else if (answer.statusCode() == 400 && answer.body().contains("Invalid State")) {
                    outcomes[0]++; // on a call: Finesse refuses too
                } else {
                    throw new IllegalStateException("PUT /finesse/api/User/" + agent + ": " + answer.statusCode() + " " + answer.body());
                }
            } catch (java.util.concurrent.TimeoutException e) {
                outcomes[1]++; // accepted, but its Update did not come
            } catch (java.io.IOException | java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("desk action of " + agent + " (" + state + "): " + e, e);
            } finally {
                actions.remove(agent);
            }
            TimeUnit.MILLISECONDS.sleep(Math.max(0, next - System.currentTimeMillis()));
        }
        return latencies;
    }

    private static void subscribe(XmppClient client, String pubsub, String node, String jid) {
        client.iq("set", pubsub, "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='" + node + "' jid='"
                + jid + "'/></pubsub>");
    }
}
