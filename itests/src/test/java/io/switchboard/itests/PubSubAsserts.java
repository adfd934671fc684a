package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;

/** XEP-0060 errors as Smack sees them: the stanza error condition and the pubsub#errors condition beside it. */
public final class PubSubAsserts {

    public static final String ERRORS = "http://jabber.org/protocol/pubsub#errors";

    /** A request the test makes. */
    public interface Request {
        void run() throws Exception;
    }

    private PubSubAsserts() {
    }

    /**
     * Asserts that the request fails with this condition and, when {@code specific} is not null,
     * with this XEP-0060 specific condition (e.g. {@code invalid-subid}, or
     * {@code unsupported feature='collections'}).
     */
    public static StanzaError assertError(String what, StanzaError.Condition condition, String specific, Request request)
            throws Exception {
        try {
            request.run();
        } catch (XMPPErrorException e) {
            StanzaError error = e.getStanzaError();
            assertEquals(what + ": " + error.toXML(), condition, error.getCondition());
            if (specific != null) {
                String xml = error.toXML().toString().replace('"', '\'');
                String[] nameAndAttributes = specific.split(" ", 2);
                assertTrue(what + " carries <" + specific + "/> of pubsub#errors: " + xml,
                        xml.contains("<" + nameAndAttributes[0] + " xmlns='" + ERRORS + "'")
                                && (nameAndAttributes.length == 1 || xml.contains(nameAndAttributes[1])));
            }
            return error;
        }
        fail(what + ": no error");
        return null;
    }
}
