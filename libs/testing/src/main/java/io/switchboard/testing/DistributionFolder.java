package io.switchboard.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the assembled distribution for a test that starts it as a process (the interop suite,
 * the cluster tests): copied with its file modes, its configuration changed key by key, ports found.
 */
public final class DistributionFolder {

    private DistributionFolder() {
    }

    /** Copies the distribution's folder, file modes (bin/switchboard's x bit) included, over a fresh {@code to}. */
    public static void copy(Path from, Path to) throws IOException {
        deleteRecursively(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    public static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * Sets keys of a config/ file (PID.cfg) in the file's own style: File Install reads a file typed
     * (values quoted) or plain (none quoted), never a mix.
     */
    public static void set(Path home, String pid, Map<String, ?> values) throws IOException {
        Path file = home.resolve("config/" + pid + ".cfg");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String quote = lines.stream().anyMatch(line -> !line.startsWith("#") && line.contains("\"")) ? "\"" : "";
        values.forEach((key, value) -> {
            lines.removeIf(line -> line.matches(Pattern.quote(key) + "\\s*=.*"));
            lines.add(key + " = " + quote + value + quote);
        });
        Files.write(file, lines);
    }

    /** A TCP port free now on this machine. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
