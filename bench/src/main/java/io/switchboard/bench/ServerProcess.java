package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server under test as Linux sees it (/proc): CPU time used and resident memory of its process
 * and every descendant (ejabberd's beam.smp has an erl_child_setup helper), so that every server is
 * measured the same way whatever it is written in.
 */
final class ServerProcess {

    private static final int TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final long pid;

    ServerProcess(long pid) {
        this.pid = pid;
    }

    /** User plus system CPU seconds since the processes started. */
    double cpuSeconds() {
        long ticks = 0;
        for (long process : tree()) {
            String[] fields = stat(process);
            if (fields != null) {
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            }
        }
        return ticks == 0 ? Double.NaN : ticks / (double) TICKS_PER_SECOND;
    }

    /** Resident set size in KiB, summed over the processes. */
    long rssKib() {
        long total = 0;
        boolean any = false;
        for (long process : tree()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                        any = true;
                    }
                }
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return any ? total : -1;
    }

    /** Open files (sockets among them), counted over the processes: what the open-files limit caps. */
    long openFiles() {
        long total = 0;
        for (long process : tree()) {
            try (Stream<Path> files = Files.list(Path.of("/proc", String.valueOf(process), "fd"))) {
                total += files.count();
            } catch (IOException e) {
                // the process ended meanwhile, or is not ours to look into
            }
        }
        return total;
    }

    /** The process and its descendants. */
    private List<Long> tree() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(path -> path.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(name -> {
                        String[] fields = stat(Long.parseLong(name));
                        if (fields != null) {
                            children.computeIfAbsent(Long.parseLong(fields[1]), parent -> new ArrayList<>()).add(Long.parseLong(name));
                        }
                    });
        } catch (IOException e) {
            return List.of(pid);
        }
        List<Long> tree = new ArrayList<>(List.of(pid));
        for (int i = 0; i < tree.size(); i++) {
            tree.addAll(children.getOrDefault(tree.get(i), List.of()));
        }
        return tree;
    }

    /** The fields of /proc/PID/stat after the command name: [0] state, [1] parent, [11] utime, [12] stime. */
    private static String[] stat(long process) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null;
        }
    }
}
