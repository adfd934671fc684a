package io.switchboard.transport.bosh.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

import io.switchboard.transport.bosh.impl.SessionState.End;
import io.switchboard.transport.bosh.impl.SessionState.Phase;

/** The combinations a session's state refuses, and the moves it makes. */
public class SessionStateTest {

    @Test(expected = IllegalArgumentException.class)
    public void anOpenSessionHasNoEndYet() {
        new SessionState(Phase.OPEN, End.CLOSED, false);
    }

    @Test(expected = IllegalArgumentException.class)
    public void anEndingSessionKnowsHowItEnds() {
        new SessionState(Phase.ENDING, null, false);
    }

    @Test(expected = IllegalArgumentException.class)
    public void anEndedSessionIsNotFed() {
        new SessionState(Phase.ENDED, null, true);
    }

    @Test
    public void feedingOutlivesTheMovesTowardTheEnd() {
        End error = new End("remote-stream-error", false);
        SessionState failing = SessionState.OPEN.feeding(true).failing(error);
        assertEquals(new SessionState(Phase.FAILING, error, true), failing);
        assertTrue(failing.endUndecided());

        SessionState ending = failing.ending(error).feeding(false);
        assertEquals(new SessionState(Phase.ENDING, error, false), ending);
        assertFalse(ending.endUndecided());
    }

    @Test
    public void theEndIsFinal() {
        assertSame(SessionState.ENDED, SessionState.ENDED.feeding(true));
        assertTrue(SessionState.ENDED.isEnded());
        assertFalse(SessionState.ENDED.endUndecided());
    }
}
