package io.switchboard.bench;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** The client tells stanzas (counted for XEP-0198) from stream management's elements and the rest by name. */
public class FrameNameTest {

    @Test
    public void theNameEndsAtASpaceASlashOrTheBracket() {
        assertEquals("r", XmppClient.name("<r xmlns='urn:xmpp:sm:3'/>"));
        assertEquals("r", XmppClient.name("<r/>"));
        assertEquals("a", XmppClient.name("<a xmlns=\"urn:xmpp:sm:3\" h=\"7\"/>"));
        assertEquals("message", XmppClient.name("<message to='a'><body>x</body></message>"));
        assertEquals("iq", XmppClient.name("<iq\ttype='get'/>"));
        assertEquals("stream:features", XmppClient.name("<stream:features><sm xmlns='urn:xmpp:sm:3'/></stream:features>"));
        assertEquals("resumed", XmppClient.name("<resumed xmlns='urn:xmpp:sm:3' h='0' previd='x'/>"));
    }
}
