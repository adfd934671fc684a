package io.switchboard.shell.ssh.impl;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class TerminalOutputTest {

    @Test
    public void everyBareLineFeedGetsItsCarriageReturnAndNoneGetsTwo() throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (TerminalOutput out = new TerminalOutput(screen)) {
            out.write("a\nb\r\nc\u00e9\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("a\r\nb\r\nc\u00e9\r\n", screen.toString(StandardCharsets.UTF_8));
    }
}
