package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server under test as Linux sees it (/proc): CPU time used and resident memory, so that
 * every server is measured the same way whatever it is written in.
 */
final class ServerProcess {

    private final long pid;
    private final long ticksPerSecond;

    ServerProcess(long pid) {
        this.pid = pid;
        this.ticksPerSecond = 100; // USER_HZ on Linux
    }

    /** User plus system CPU seconds since the process started. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) ticksPerSecond;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Resident set size in KiB. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // reported as unknown
        }
        return -1;
    }
}
