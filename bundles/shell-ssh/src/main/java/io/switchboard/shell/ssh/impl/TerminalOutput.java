package io.switchboard.shell.ssh.impl;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Output for a terminal in raw mode, which moves down on LF but not back to the first column:
 * every LF that does not follow a CR becomes CR LF.
 */
final class TerminalOutput extends FilterOutputStream {

    private int previous;

    TerminalOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\n' && previous != '\r') {
            out.write('\r');
        }
        out.write(b);
        previous = b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }
}
