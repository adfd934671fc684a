package io.switchboard.transport.bosh.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dom4j.Element;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.switchboard.testing.ElementLimits;
import io.switchboard.xmldocument.RestrictedXmlReader.PolicyViolationException;
import io.switchboard.xmldocument.RestrictedXmlReader.RestrictedXmlException;

/**
 * Any request body: a {@code <body/>} within the limits or one of the parser's three exceptions,
 * nothing else. One parser reads every input, as one per thread reads every request. The corpus
 * is BodyParserFuzzTestInputs.
 */
class BodyParserFuzzTest {

    private static final int MAX_DEPTH = 6;
    private static final int MAX_ATTRIBUTES = 8;
    private static final BodyParser PARSER = new BodyParser(MAX_DEPTH, MAX_ATTRIBUTES);

    @FuzzTest(maxDuration = "10m")
    void bodiesMakeABodyWithinTheLimitsOrTheParsersErrors(byte[] request) {
        try {
            Element body = PARSER.parse(request);
            assertEquals("body", body.getName());
            assertEquals(BodyParser.HTTPBIND, body.getNamespaceURI());
            // the <body/> wrapper is not part of the stanzas the limits are about
            for (Element stanza : body.elements()) {
                ElementLimits.assertWithin(stanza, 1, MAX_DEPTH, MAX_ATTRIBUTES);
            }
        } catch (RestrictedXmlException | PolicyViolationException | BodyParser.BadRequestException expected) {
            // 400 Bad Request, or a terminate with the matching condition
        }
    }
}
