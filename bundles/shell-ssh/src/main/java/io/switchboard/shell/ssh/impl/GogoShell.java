package io.switchboard.shell.ssh.impl;

import java.util.concurrent.ExecutorService;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/** The interactive shell: a prompt, a command per line, until exit, logout, Ctrl-D or the end of input. */
final class GogoShell extends GogoChannel {

    static final String PROMPT = "switchboard> ";

    GogoShell(CommandProcessor processor, ExecutorService executor) {
        super(processor, executor);
    }

    @Override
    int run(CommandSession session, Terminal terminal) throws Exception {
        LineEditor editor = new LineEditor(terminal.in(), terminal.interactive() ? terminal.rawOut() : null);
        if (terminal.interactive()) {
            terminal.out().println("Switchboard shell: Gogo commands such as lb, switchboard:sessions, switchboard:users;"
                    + " help lists them all; exit leaves.");
        }
        while (true) {
            if (terminal.interactive()) {
                terminal.out().print(PROMPT);
                terminal.out().flush();
            }
            String line = editor.readLine();
            if (line == null) {
                return 0;
            }
            line = line.trim();
            if (line.equals("exit") || line.equals("logout")) {
                return 0;
            }
            if (line.isEmpty()) {
                continue;
            }
            try {
                print(session, session.execute(line), terminal.out());
            } catch (Exception e) {
                terminal.err().println("Error: " + e.getMessage());
            }
        }
    }
}
