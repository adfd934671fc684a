package io.switchboard.transport.websocket.impl;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.switchboard.testing.ElementLimits;
import io.switchboard.xmldocument.RestrictedXmlReader.NotWellFormedException;
import io.switchboard.xmldocument.RestrictedXmlReader.PolicyViolationException;
import io.switchboard.xmldocument.RestrictedXmlReader.RestrictedXmlException;

/**
 * Any text frame: an element within the limits or one of the parser's three exceptions, nothing
 * else. One parser reads every input, as one per thread reads every frame of its connections, so a
 * frame that failed must leave nothing behind for the next. The corpus is FrameParserFuzzTestInputs.
 */
class FrameParserFuzzTest {

    private static final int MAX_DEPTH = 6;
    private static final int MAX_ATTRIBUTES = 8;
    private static final FrameParser PARSER = new FrameParser(MAX_DEPTH, MAX_ATTRIBUTES);

    @FuzzTest(maxDuration = "10m")
    void framesMakeElementsWithinTheLimitsOrTheParsersErrors(FuzzedDataProvider data) {
        String frame = data.consumeRemainingAsString();
        try {
            ElementLimits.assertWithin(PARSER.parse(frame), 1, MAX_DEPTH, MAX_ATTRIBUTES);
        } catch (RestrictedXmlException | PolicyViolationException | NotWellFormedException expected) {
            // a stream error for the client, the connection closed
        }
    }
}
