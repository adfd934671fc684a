package io.switchboard.itests;

import static io.switchboard.testing.DistributionFolder.copy;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The assembled distribution copied to a test's own folder and run through bin/switchboard, as an
 * operator runs it: for the tests that start the server as a process (ServiceScriptIT, LoggingIT).
 */
final class InstalledDistribution {

    static final Duration STEP = Duration.ofSeconds(90);

    private InstalledDistribution() {
    }

    /** What a run of the script said (standard output and error together) and its exit status. */
    record Run(int status, String output) {
    }

    /** A fresh copy in target/itest/TEST/switchboard: its folder. */
    static Path install(Class<?> test) throws IOException {
        Path home = Path.of("target", "itest", test.getSimpleName(), "switchboard").toAbsolutePath();
        SwitchboardOptions.deleteRecursively(home.getParent());
        copy(SwitchboardOptions.distribution(), home);
        return home;
    }

    /** Runs bin/switchboard ARGS in the copy, with standard input and more environment, until it ends. */
    static Run script(Path home, Map<String, String> environment, String input, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/switchboard").toString());
        command.addAll(List.of(args));
        return run(home.getParent(), new ProcessBuilder(command), environment, input);
    }

    /** Runs a command in that folder, with standard input and more environment, until it ends. */
    static Run run(Path folder, ProcessBuilder builder, Map<String, String> environment, String input) throws Exception {
        Path output = Files.createTempFile(folder, "run", ".out");
        builder.directory(folder.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertTrue(String.join(" ", builder.command()) + " did not end", process.waitFor(STEP.toSeconds(), TimeUnit.SECONDS));
        String text = Files.readString(output);
        Files.delete(output);
        return new Run(process.exitValue(), text);
    }

    /** Sets keys of a config/ file (PID.cfg), replacing their lines or adding them. */
    static void set(Path home, String pid, Map<String, String> values) throws IOException {
        Path file = home.resolve("config/" + pid + ".cfg");
        List<String> lines = new ArrayList<>(Files.exists(file) ? Files.readAllLines(file) : List.of());
        for (Map.Entry<String, String> value : values.entrySet()) {
            String line = value.getKey() + " = " + value.getValue();
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches(Pattern.quote(value.getKey()) + "\\s*=.*")) {
                    at = i;
                }
            }
            if (at >= 0) {
                lines.set(at, line);
            } else {
                lines.add(line);
            }
        }
        Files.write(file, lines);
    }

    /** Alive, and not a zombie that nobody reaped yet (in a container, PID 1 may never reap the server once its script is gone). */
    static boolean running(long pid) throws IOException {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && !(Files.exists(status) && Files.readString(status).matches("(?s).*\nState:\\s+Z.*"));
    }

    static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator)).anyMatch(folder -> Files.isExecutable(Path.of(folder, command)));
    }
}
