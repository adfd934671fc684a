package io.switchboard.transport.websocket.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.dom4j.Element;
import org.junit.Test;
import io.switchboard.xmldocument.RestrictedXmlReader;

/** The parser's limits: a frame within them parses, one beyond them is a policy violation. */
public class FrameLimitsTest {

    private final FrameParser parser = new FrameParser(4, 3);

    @Test
    public void nestingUpToTheLimitParses() throws Exception {
        Element message = parser.parse("<message xmlns='jabber:client'><a><b><c/></b></a></message>");

        assertEquals("message", message.getName());
    }

    @Test
    public void nestingBeyondTheLimitIsAPolicyViolation() {
        RestrictedXmlReader.PolicyViolationException e = assertThrows(RestrictedXmlReader.PolicyViolationException.class,
                () -> parser.parse("<message xmlns='jabber:client'><a><b><c><d/></c></b></a></message>"));

        assertTrue(e.getMessage(), e.getMessage().contains("deeper than 4"));
    }

    @Test
    public void attributesUpToTheLimitParse() throws Exception {
        assertEquals("1", parser.parse("<iq xmlns='jabber:client' id='1' type='get' to='x'/>").attributeValue("id"));
    }

    @Test
    public void tooManyAttributesAreAPolicyViolation() {
        RestrictedXmlReader.PolicyViolationException e = assertThrows(RestrictedXmlReader.PolicyViolationException.class,
                () -> parser.parse("<iq xmlns='jabber:client' id='1' type='get' to='x' from='y'/>"));

        assertTrue(e.getMessage(), e.getMessage().contains("more than 3 attributes on <iq>"));
    }

    @Test
    public void theDepthCountStartsAfreshForEachFrame() throws Exception {
        assertThrows(RestrictedXmlReader.PolicyViolationException.class,
                () -> parser.parse("<message xmlns='jabber:client'><a><b><c><d/></c></b></a></message>"));

        assertEquals("message", parser.parse("<message xmlns='jabber:client'><a><b><c/></b></a></message>").getName());
    }
}
