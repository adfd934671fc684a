package io.switchboard.tools;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's terminal in raw mode while the interactive shell runs (keys go to the server as
 * typed, the server echoes), set back as it was on close. Through stty on /dev/tty: Java has no
 * terminal API of its own. Does nothing without a terminal.
 */
final class RawTerminal implements AutoCloseable {

    private static final File TTY = new File("/dev/tty");
    private final String saved;

    private RawTerminal(String saved) {
        this.saved = saved;
    }

    static RawTerminal enter() {
        if (System.console() == null || !TTY.exists()) {
            return new RawTerminal(null);
        }
        try {
            String saved = stty("-g").trim();
            stty("raw", "-echo");
            return new RawTerminal(saved);
        } catch (IOException e) {
            return new RawTerminal(null);
        }
    }

    @Override
    public void close() {
        if (saved != null) {
            try {
                stty(saved);
            } catch (IOException e) {
                System.err.println("switchboard client: could not restore the terminal (run: stty sane): " + e.getMessage());
            }
        }
    }

    private static String stty(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("stty");
        command.addAll(List.of(args));
        Process stty = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(TTY))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (stty.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return output;
    }
}
