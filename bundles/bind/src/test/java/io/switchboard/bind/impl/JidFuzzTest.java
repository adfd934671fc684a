package io.switchboard.bind.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.xmpp.packet.JID;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Tinder's JID as the server uses it: the router reads a 'to' with new JID(String), bind preps the
 * resource a client asks for and makes the full JID from it. Either answers or throws
 * IllegalArgumentException (what both catch), nothing else; what they answer is an address that
 * reads back as itself, with parts of at most 1023 bytes (RFC 7622 3). The corpus is
 * JidFuzzTestInputs: an address, a newline, a resource.
 */
class JidFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void addressesAndResourcesParseOrAreRefused(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String address = newline < 0 ? text : text.substring(0, newline);
        String resource = newline < 0 ? "" : text.substring(newline + 1);

        try {
            JID to = new JID(address);
            assertFalse(to.getDomain().isEmpty(), "a JID has a domain");
            assertWithinLength(to.getNode());
            assertWithinLength(to.getDomain());
            assertWithinLength(to.getResource());
            assertEquals(to, new JID(to.toString()), "the address reads back as itself");
        } catch (IllegalArgumentException refused) {
            // the router bounces the stanza with jid-malformed
        }

        String prepped;
        try {
            prepped = JID.resourceprep(resource);
        } catch (IllegalArgumentException refused) {
            return; // bind answers bad-request
        }
        assertWithinLength(prepped);
        JID bound = new JID("user", "example.com", prepped);
        assertEquals(prepped, bound.getResource());
        assertEquals(bound, new JID(bound.toString()), "the bound address reads back as itself");
    }

    private static void assertWithinLength(String part) {
        assertTrue(part == null || part.getBytes(StandardCharsets.UTF_8).length <= 1023, "a part over 1023 bytes");
    }
}
