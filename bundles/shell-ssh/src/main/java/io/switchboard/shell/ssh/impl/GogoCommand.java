package io.switchboard.shell.ssh.impl;

import java.util.concurrent.ExecutorService;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/**
 * One command sent with the SSH connection ({@code ssh -p 8101 admin@localhost switchboard:sessions}):
 * its output, then exit status 0, or the error on standard error and status 1.
 */
final class GogoCommand extends GogoChannel {

    private final String command;

    GogoCommand(CommandProcessor processor, ExecutorService executor, String command) {
        super(processor, executor);
        this.command = command;
    }

    @Override
    int run(CommandSession session, Terminal terminal) {
        try {
            print(session, session.execute(command), terminal.out());
            return 0;
        } catch (Exception e) {
            terminal.err().println("Error: " + e.getMessage());
            return 1;
        }
    }
}
