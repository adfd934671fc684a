package io.switchboard.board.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import org.junit.Test;

/** Which request paths the board serves itself; every other one is left to other mounts. */
public class BoardPagesTest {

    @Test
    public void theRootIsThePageAndStropheIsPackedIn() {
        assertNotNull(BoardPages.resource("/"));
        assertNotNull(BoardPages.resource(""));
        assertNotNull(BoardPages.resource("/board.js"));
        assertNotNull("Strophe.js from the npm registry, packed by the build", BoardPages.resource("/strophe/strophe.umd.min.js"));
        assertEquals("text/html; charset=utf-8", BoardPages.type("/"));
        assertEquals("text/javascript; charset=utf-8", BoardPages.type("/strophe/strophe.umd.min.js"));
    }

    @Test
    public void otherMountsPathsAndEscapesAreNotServed() {
        assertNull(BoardPages.resource("/ws/"));
        assertNull(BoardPages.resource("/ws"));
        assertNull(BoardPages.resource("/xmpp-websocket"));
        assertNull(BoardPages.resource("/strophe/"));
        assertNull(BoardPages.resource("/../io/switchboard/board/impl/BoardPages.class"));
        assertNull(BoardPages.resource("//etc/passwd"));
        assertNull("only the board folder", BoardPages.resource("/io/switchboard/board/impl/BoardPages.class"));
    }
}
