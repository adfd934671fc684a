package io.switchboard.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The resume scenario's loss and duplication, counted per node by sequence number. */
public class SequenceLedgerTest {

    @Test
    public void aConfirmedItemNeverReceivedIsLost() {
        SequenceLedger ledger = new SequenceLedger();
        ledger.confirmed(0);
        ledger.confirmed(1);
        ledger.confirmed(2);
        ledger.received(0);
        ledger.received(2);

        assertEquals(3, ledger.confirmedCount());
        assertEquals(2, ledger.deliveredCount());
        assertEquals(1, ledger.lost());
        assertFalse(ledger.complete());
        ledger.received(1);
        assertTrue(ledger.complete());
        assertEquals("1 came after 2", 1, ledger.outOfOrder());
    }

    @Test
    public void anItemReceivedTwiceIsDuplicatedAndDeliveredOnce() {
        SequenceLedger ledger = new SequenceLedger();
        ledger.confirmed(0);

        assertTrue(ledger.received(0));
        assertFalse(ledger.received(0));
        assertEquals(1, ledger.duplicated());
        assertEquals(1, ledger.deliveredCount());
        assertEquals(0, ledger.outOfOrder());
        assertEquals(0, ledger.lost());
    }

    @Test
    public void anItemWhosePublicationWasNotConfirmedCannotBeLost() {
        SequenceLedger ledger = new SequenceLedger();
        ledger.confirmed(1);
        ledger.received(1);

        assertEquals("0 was refused to the publisher", 0, ledger.lost());
    }
}
