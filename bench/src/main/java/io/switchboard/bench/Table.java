package io.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -cp ... io.switchboard.bench.Table results.jsonl [switchboard prosody ejabberd]}: the
 * JSON lines of a {@code bench/compare} run as one Markdown table, every server's figure side by side
 * and the first server's ratio to each of the others (first ÷ other; the "better" column says whether
 * a higher or a lower figure is better).
 */
public final class Table {

    private static final String TCP = " over TCP";
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"([^\"]*)\"|[^,}]+)");

    /** A row: which result (scenario and rate), the field, its name in the table, whether higher is better. */
    private record Metric(String scenario, String field, String name, Boolean higherIsBetter) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("login", "logins_per_s", "logins/s", true),
            new Metric("login", "p50_ms", "login p50 ms", false),
            new Metric("login", "p99_ms", "login p99 ms", false),
            new Metric("login", "server_cpu_ms_per_login", "server CPU ms per login", false),
            new Metric("login", "bench_cpu_s", "load generator CPU s", null),
            new Metric("login", "wall_s", "wall time s", null),
            new Metric("login", "errors", "errors", null),
            new Metric("idle", "rss_kib_per_session", "KiB RSS per idle session (10 s after the logins)", false),
            new Metric("idle", "rss_kib_per_session_at_login", "KiB RSS per session right after the logins", false),
            new Metric("idle", "rss_mib", "server RSS MiB with the sessions", false),
            new Metric("idle", "sessions_up", "sessions answering a ping", null),
            new Metric("idle many", "sessions_held", "sessions held", true),
            new Metric("idle many", "sessions_up", "sessions answering a ping", true),
            new Metric("idle many", "rss_mib", "server RSS MiB with the sessions", false),
            new Metric("idle many", "rss_kib_per_session", "KiB RSS per idle session", false),
            new Metric("idle many", "server_open_files", "server open files", null),
            new Metric("idle many", "login_s", "time to log them in s", null),
            new Metric("idle many", "errors", "errors", null),
            new Metric("fanout flat out", "deliveries_per_s", "deliveries/s", true),
            new Metric("fanout flat out", "p50_ms", "publish→receive p50 ms", false),
            new Metric("fanout flat out", "p99_ms", "publish→receive p99 ms", false),
            new Metric("fanout flat out", "max_ms", "publish→receive max ms", false),
            new Metric("fanout flat out", "server_cpu_s", "server CPU s", false),
            new Metric("fanout flat out", "bench_cpu_s", "load generator CPU s", null),
            new Metric("fanout flat out", "lost", "lost", null),
            new Metric("fanout flat out", "duplicated", "duplicated", null),
            new Metric("fanout rate", "deliveries_per_s", "deliveries/s", true),
            new Metric("fanout rate", "p50_ms", "publish→receive p50 ms", false),
            new Metric("fanout rate", "p99_ms", "publish→receive p99 ms", false),
            new Metric("fanout rate", "max_ms", "publish→receive max ms", false),
            new Metric("fanout rate", "first_p50_ms", "publish→first subscriber p50 ms", false),
            new Metric("fanout rate", "first_p99_ms", "publish→first subscriber p99 ms", false),
            new Metric("fanout rate", "spread_p50_ms", "first→last subscriber p50 ms", false),
            new Metric("fanout rate", "spread_p99_ms", "first→last subscriber p99 ms", false),
            new Metric("fanout rate", "server_cpu_s", "server CPU s", false),
            new Metric("fanout rate", "bench_cpu_s", "load generator CPU s", null),
            new Metric("fanout rate", "lost", "lost", null),
            new Metric("fanout rate", "duplicated", "duplicated", null),
            new Metric("contact-centre", "changes_per_s", "agent-state changes/s", null),
            new Metric("contact-centre", "deliveries_per_s", "deliveries/s", null),
            new Metric("contact-centre", "p50_ms", "change→desktop p50 ms", false),
            new Metric("contact-centre", "p99_ms", "change→desktop p99 ms", false),
            new Metric("contact-centre", "max_ms", "change→desktop max ms", false),
            new Metric("contact-centre", "desk_action_p50_ms", "desk action→desktop p50 ms", false),
            new Metric("contact-centre", "desk_action_p99_ms", "desk action→desktop p99 ms", false),
            new Metric("contact-centre", "server_cpu_percent", "server CPU % of one core", false),
            new Metric("contact-centre", "rss_mib", "server RSS MiB", false),
            new Metric("contact-centre", "login_s", "desktops logged in, s", null),
            new Metric("contact-centre", "lost", "lost", null),
            new Metric("contact-centre", "duplicated", "duplicated", null),
            new Metric("contact-centre", "errors", "errors", null));

    private Table() {
    }

    public static void main(String[] args) throws Exception {
        List<String> servers = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("switchboard", "prosody", "ejabberd");
        System.out.print(table(Files.readAllLines(Path.of(args[0])), servers));
    }

    /** The Markdown table of these JSON lines, a column per server, the first server's ratio to each other. */
    static String table(List<String> lines, List<String> servers) {
        // server -> scenario -> fields
        Map<String, Map<String, Map<String, String>>> results = new LinkedHashMap<>();
        Map<String, String> sizes = new LinkedHashMap<>();
        for (String line : lines) {
            if (!line.startsWith("{")) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher field = FIELD.matcher(line);
            while (field.find()) {
                fields.put(field.group(1), field.group(3) != null ? field.group(3) : field.group(2));
            }
            String scenario = key(fields);
            results.computeIfAbsent(fields.get("server"), server -> new LinkedHashMap<>()).put(scenario, fields);
            if (!fields.containsKey("failed") && !fields.containsKey("skipped")) { // those lines carry no sizes
                sizes.putIfAbsent(scenario, size(fields));
            }
        }
        String first = servers.get(0);
        List<String> header = new ArrayList<>(List.of("scenario", "metric", "better"));
        header.addAll(servers);
        servers.subList(1, servers.size()).forEach(other -> header.add(first + " ÷ " + other));
        StringBuilder table = new StringBuilder(row(header));
        table.append(row(header.stream().map(column -> "---").toList()));
        List<Metric> metrics = new ArrayList<>(METRICS);
        METRICS.forEach(metric -> metrics.add(new Metric(metric.scenario() + TCP, metric.field(), metric.name(), metric.higherIsBetter())));
        for (Metric metric : metrics) {
            if (servers.stream().noneMatch(server -> results.getOrDefault(server, Map.of()).containsKey(metric.scenario()))) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            cells.add(metric.scenario() + sizes.getOrDefault(metric.scenario(), ""));
            cells.add(metric.name());
            cells.add(metric.higherIsBetter() == null ? "" : metric.higherIsBetter() ? "higher" : "lower");
            for (String server : servers) {
                cells.add(value(results, server, metric));
            }
            for (String other : servers.subList(1, servers.size())) {
                cells.add(metric.higherIsBetter() == null ? "" : ratio(value(results, first, metric), value(results, other, metric)));
            }
            table.append(row(cells));
        }
        return table.toString();
    }

    /** The table's name for a result: fan-out flat out and at a rate, over TCP or not, are separate rows. */
    private static String key(Map<String, String> fields) {
        String scenario = fields.get("scenario");
        if ("fanout".equals(scenario)) {
            scenario = "flat out".equals(fields.get("rate")) ? "fanout flat out" : "fanout rate";
        }
        if ("idle".equals(scenario) && fields.containsKey("many")) { // bench/compare's idle-many, beside the usual idle
            scenario = "idle many";
        }
        return "tcp".equals(fields.get("transport")) ? scenario + TCP : scenario;
    }

    private static String size(Map<String, String> fields) {
        return switch (key(fields).replace(TCP, "")) {
            case "login" -> " (n=" + fields.get("n") + ", c=" + fields.get("c") + ")";
            case "idle", "idle many" -> " (n=" + fields.get("n") + ")";
            case "contact-centre" -> " (" + fields.get("agents") + " agents, " + fields.get("teams") + " teams)";
            case "fanout flat out" -> " (" + fields.get("subscribers") + " × " + fields.get("items") + ")";
            case "fanout rate" -> " (" + fields.get("subscribers") + " subscribers, " + fields.get("rate") + ")";
            default -> "";
        };
    }

    private static String value(Map<String, Map<String, Map<String, String>>> results, String server, Metric metric) {
        Map<String, String> fields = results.getOrDefault(server, Map.of()).get(metric.scenario());
        if (fields == null) {
            return "–";
        }
        if (fields.containsKey("failed")) {
            return "failed";
        }
        if (fields.containsKey("skipped")) { // e.g. contact-centre on a server without a simulator
            return "n/a (" + fields.get("skipped") + ")";
        }
        return fields.getOrDefault(metric.field(), "–");
    }

    private static String ratio(String mine, String theirs) {
        try {
            double a = Double.parseDouble(mine);
            double b = Double.parseDouble(theirs);
            return b == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", a / b);
        } catch (NumberFormatException notANumber) {
            return "–";
        }
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
