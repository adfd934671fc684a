package io.switchboard.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

/** The resume scenario's client books: h as XEP-0198 counts it, and what is sent again after a resumption. */
public class AcknowledgementsTest {

    @Test
    public void handledCountsEachStanzaFromEnabledOn() {
        Acknowledgements acks = new Acknowledgements();
        acks.handledOne(); // before <enabled/>: the server does not count it either
        acks.enabled("p1");
        for (int i = 0; i < 3; i++) {
            acks.handledOne();
        }
        assertEquals(3, acks.handled());
        assertEquals("p1", acks.previd());
    }

    @Test
    public void whatTheServerAcknowledgesLeavesAndTheRestIsSentAgainInOrder() {
        Acknowledgements acks = new Acknowledgements();
        acks.sent("<iq id='1'/>");
        acks.sent("<iq id='2'/>");
        acks.sent("<iq id='3'/>");

        assertTrue(acks.acknowledge(1));
        assertEquals(List.of("<iq id='2'/>", "<iq id='3'/>"), acks.unacknowledged());
        assertTrue("the same h again acknowledges nothing more", acks.acknowledge(1));
        assertEquals(2, acks.unacknowledged().size());
        assertTrue(acks.acknowledge(3));
        assertEquals(List.of(), acks.unacknowledged());
    }

    @Test
    public void anHBeyondWhatWasSentIsRefusedAndChangesNothing() {
        Acknowledgements acks = new Acknowledgements();
        acks.sent("<iq id='1'/>");

        assertFalse(acks.acknowledge(2));
        assertEquals(1, acks.unacknowledged().size());
        assertTrue(acks.acknowledge(1));
    }
}
