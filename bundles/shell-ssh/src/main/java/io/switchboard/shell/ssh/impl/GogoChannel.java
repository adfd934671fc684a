package io.switchboard.shell.ssh.impl;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH channel served by a Gogo session of the one {@link CommandProcessor} the console uses too,
 * so every registered command ({@code switchboard:}, {@code jdbcusers:}, {@code lb}, ...) is there.
 * The work runs on the shell's executor, never on SSHD's I/O threads.
 */
abstract class GogoChannel implements Command {

    private final CommandProcessor processor;
    private final ExecutorService executor;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile CommandSession session;
    private volatile Future<?> running;

    GogoChannel(CommandProcessor processor, ExecutorService executor) {
        this.processor = processor;
        this.executor = executor;
    }

    /**
     * Runs the channel's commands to the end.
     *
     * @return the exit status the client gets
     */
    abstract int run(CommandSession session, Terminal terminal) throws Exception;

    /** The channel's streams as the commands see them. */
    record Terminal(InputStream in, OutputStream rawOut, PrintStream out, PrintStream err, boolean interactive) {
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment environment) {
        // a client that asked for a PTY has its terminal in raw mode: no local echo, no CR on LF
        boolean interactive = !environment.getPtyModes().isEmpty() || environment.getEnv().containsKey(Environment.ENV_TERM);
        OutputStream shownOut = interactive ? new TerminalOutput(out) : out;
        OutputStream shownErr = interactive ? new TerminalOutput(err) : err;
        Terminal terminal = new Terminal(in, out, new PrintStream(shownOut, true, StandardCharsets.UTF_8),
                new PrintStream(shownErr, true, StandardCharsets.UTF_8), interactive);
        CommandSession gogo = processor.createSession(in, shownOut, shownErr);
        gogo.put("USER", environment.getEnv().get(Environment.ENV_USER));
        session = gogo;
        running = executor.submit(() -> {
            int status = 1;
            try {
                status = run(gogo, terminal);
            } catch (Exception e) {
                terminal.err().println("Error: " + e.getMessage());
            } finally {
                terminal.out().flush();
                terminal.err().flush();
                gogo.close();
                exit.onExit(status);
            }
        });
    }

    /** Prints what a command returned, as the console does. */
    static void print(CommandSession session, Object result, PrintStream out) {
        if (result != null) {
            out.println(session.format(result, Converter.INSPECT));
        }
        out.flush();
    }

    @Override
    public void destroy(ChannelSession channel) {
        Future<?> task = running;
        if (task != null) {
            task.cancel(true);
        }
        CommandSession gogo = session;
        if (gogo != null) {
            gogo.close();
        }
    }
}
