package io.switchboard.shell.ssh.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads command lines from an SSH channel. On a terminal (the client asked for a PTY, so it sends
 * each key as typed and echoes nothing itself) it echoes what is typed and understands Backspace,
 * Ctrl-C (drop the line), Ctrl-D (leave, on an empty line) and skips the escape sequences of arrow
 * and function keys. Without a terminal (commands piped in) it only splits lines.
 */
final class LineEditor {

    private static final int BACKSPACE = 0x08;
    private static final int DELETE = 0x7f;
    private static final int CTRL_C = 0x03;
    private static final int CTRL_D = 0x04;
    private static final int ESCAPE = 0x1b;

    private final InputStream in;
    /** Where typed characters are echoed; null without a terminal. */
    private final OutputStream echo;
    private byte[] line = new byte[128];
    private int length;
    private boolean afterCarriageReturn;

    LineEditor(InputStream in, OutputStream echo) {
        this.in = in;
        this.echo = echo;
    }

    /** The next line, without its end; null at the end of input or on Ctrl-D. */
    String readLine() throws IOException {
        length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return length == 0 ? null : text();
            }
            boolean crLf = b == '\n' && afterCarriageReturn;
            afterCarriageReturn = b == '\r';
            if (crLf) {
                continue; // the second half of one line end
            }
            switch (b) {
                case '\r', '\n' -> {
                    echo("\r\n");
                    return text();
                }
                case BACKSPACE, DELETE -> {
                    if (removeLastCharacter()) {
                        echo("\b \b");
                    }
                }
                case CTRL_C -> {
                    echo("^C\r\n");
                    return "";
                }
                case CTRL_D -> {
                    if (length == 0) {
                        echo("\r\n");
                        return null;
                    }
                }
                case ESCAPE -> skipEscapeSequence();
                default -> {
                    if (b >= 0x20 || b == '\t') {
                        append(b);
                        if (echo != null) {
                            echo.write(b);
                            echo.flush();
                        }
                    }
                }
            }
        }
    }

    private void append(int b) {
        if (length == line.length) {
            line = Arrays.copyOf(line, length * 2);
        }
        line[length++] = (byte) b;
    }

    /** Drops the last character, all the bytes of it in UTF-8. */
    private boolean removeLastCharacter() {
        if (length == 0) {
            return false;
        }
        do {
            length--;
        } while (length > 0 && (line[length] & 0xc0) == 0x80);
        return true;
    }

    /** CSI (ESC [ ... final byte) and SS3 (ESC O x): what arrow, Home and function keys send. */
    private void skipEscapeSequence() throws IOException {
        int next = in.read();
        if (next == '[') {
            int b;
            do {
                b = in.read();
            } while (b >= 0 && (b < 0x40 || b > 0x7e));
        } else if (next == 'O') {
            in.read();
        }
    }

    private void echo(String text) throws IOException {
        if (echo != null) {
            echo.write(text.getBytes(StandardCharsets.UTF_8));
            echo.flush();
        }
    }

    private String text() {
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }
}
