package io.switchboard.xmlstream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dom4j.Attribute;
import org.dom4j.Element;
import org.dom4j.Node;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes a TCP client or component sends, in any pieces: the parser hands over elements within
 * the limits or ends the stream with a {@link XmlStreamParser.Violation}, and throws nothing else.
 * The corpus (XmlStreamParserFuzzTestInputs) replays in every build; its files end with one byte,
 * a newline in the seeds, that sets the size of the pieces.
 */
class XmlStreamParserFuzzTest {

    private static final XmlStreamParser.Limits LIMITS = new XmlStreamParser.Limits(1000, 8, 16);

    @FuzzTest(maxDuration = "10m")
    void bytesMakeElementsWithinTheLimitsOrAStreamError(FuzzedDataProvider data) {
        int piece = data.consumeInt(1, 64);
        byte[] stream = data.consumeRemainingAsBytes();
        for (String namespace : new String[] {XmlStreamParser.JABBER_CLIENT, XmlStreamParser.JABBER_COMPONENT}) {
            XmlStreamParser parser = new XmlStreamParser(XmlStreamParser.newFactory(), namespace, new XmlStreamParser.Listener() {
                @Override
                public void streamOpened(String to, String version, String lang) {
                }

                @Override
                public void element(Element element) {
                    assertWithinLimits(element, 1);
                    assertTrue(characters(element) <= LIMITS.maxStanzaBytes(), "a stanza over the byte limit got through");
                }

                @Override
                public void streamClosed() {
                }
            }, LIMITS);
            try {
                for (int at = 0; at < stream.length; at += piece) {
                    parser.feed(stream, at, Math.min(piece, stream.length - at));
                }
            } catch (XmlStreamParser.Violation e) {
                assertNotNull(e.condition, "a violation names its stream error");
            }
        }
    }

    private static void assertWithinLimits(Element element, int depth) {
        assertTrue(depth <= LIMITS.maxDepth(), "an element deeper than the limit got through");
        assertTrue(element.attributeCount() <= LIMITS.maxAttributes(), "more attributes than the limit got through");
        for (Element child : element.elements()) {
            assertWithinLimits(child, depth + 1);
        }
    }

    /** Characters of names, attribute values and text: never more than the bytes that carried them. */
    private static long characters(Element element) {
        long count = element.getName().length();
        for (Attribute attribute : element.attributes()) {
            count += attribute.getName().length() + attribute.getValue().length();
        }
        for (Node node : element.content()) {
            count += node instanceof Element child ? characters(child) : node.getText() == null ? 0 : node.getText().length();
        }
        return count;
    }
}
