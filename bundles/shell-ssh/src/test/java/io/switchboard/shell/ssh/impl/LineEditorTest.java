package io.switchboard.shell.ssh.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class LineEditorTest {

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private LineEditor terminal(String typed) {
        return new LineEditor(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen);
    }

    @Test
    public void aTerminalSeesWhatIsTypedAndTheLineEndsAtEnter() throws IOException {
        LineEditor editor = terminal("lb\rhelp\r\n");
        assertEquals("lb", editor.readLine());
        assertEquals("help", editor.readLine());
        assertNull(editor.readLine());
        assertEquals("lb\r\nhelp\r\n", screen.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void backspaceRemovesAWholeCharacterAndRubsItOut() throws IOException {
        LineEditor editor = terminal("caf\u00e9\u007fe\r");
        assertEquals("cafe", editor.readLine());
        assertEquals("caf\u00e9\b \be\r\n", screen.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void ctrlCDropsTheLineAndCtrlDOnAnEmptyLineEndsTheInput() throws IOException {
        LineEditor editor = terminal("stop 0\u0003lb\u0004\r\u0004ignored\r");
        assertEquals("", editor.readLine());
        assertEquals("lb", editor.readLine()); // Ctrl-D within a line is ignored
        assertNull(editor.readLine());
    }

    @Test
    public void arrowKeysAreSkippedNotTyped() throws IOException {
        assertEquals("lb", terminal("l\u001b[A\u001bOBb\r").readLine());
        assertEquals("lb\r\n", screen.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void withoutATerminalLinesAreSplitAndNothingIsEchoed() throws IOException {
        LineEditor editor = new LineEditor(new ByteArrayInputStream("lb\nswitchboard:users".getBytes(StandardCharsets.UTF_8)), null);
        assertEquals("lb", editor.readLine());
        assertEquals("switchboard:users", editor.readLine());
        assertNull(editor.readLine());
    }
}
