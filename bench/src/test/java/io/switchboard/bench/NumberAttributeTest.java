package io.switchboard.bench;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** The fan-out reads each sample's seq and send time from the notification's text, whatever the server's quoting and order. */
public class NumberAttributeTest {

    @Test
    public void readsEitherQuoteInAnyOrder() {
        String apostrophes = "<message to='a'><event><items node='/n'><item id='i1'><sample xmlns='urn:x' seq='17' t='12345'>xx</sample>";
        String quotes = "<message to=\"a\"><sample t=\"12345\" xmlns=\"urn:x\" seq=\"17\">xx</sample>";

        assertEquals(17, Bench.numberAttribute(apostrophes, "seq"));
        assertEquals(12345, Bench.numberAttribute(apostrophes, "t"));
        assertEquals(17, Bench.numberAttribute(quotes, "seq"));
        assertEquals(12345, Bench.numberAttribute(quotes, "t"));
    }

    @Test
    public void aNameThatOnlyEndsTheSameOrAValueThatIsNoNumberIsPassedOver() {
        assertEquals(9, Bench.numberAttribute("<m at='3' t='x' t='9'/>", "t"));
        assertEquals(-1, Bench.numberAttribute("<m subseq='3'/>", "seq"));
        assertEquals(-1, Bench.numberAttribute("<m seq=''/>", "seq"));
        assertEquals(-1, Bench.numberAttribute("seq='1'", "seq")); // an attribute follows a space
    }
}
