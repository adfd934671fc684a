package io.switchboard.testing;

import org.dom4j.Attribute;
import org.dom4j.Element;

/** What a restricted XML reader promises of every element it lets through, checked by the readers' fuzz tests. */
public final class ElementLimits {

    private ElementLimits() {
    }

    /**
     * Fails with an {@link AssertionError} when the element, or one below it, is deeper than
     * {@code maxDepth} (the element itself at {@code depth}), has more than {@code maxAttributes}
     * attributes, or has a name with an empty prefix ({@code <:body>}), which would reach other
     * clients as malformed XML.
     */
    public static void assertWithin(Element element, int depth, int maxDepth, int maxAttributes) {
        check(depth <= maxDepth, "an element deeper than the limit got through");
        check(element.attributeCount() <= maxAttributes, "more attributes than the limit got through");
        check(!element.getName().contains(":"), element.getName());
        for (Attribute attribute : element.attributes()) {
            check(!attribute.getName().contains(":"), attribute.getName());
        }
        for (Element child : element.elements()) {
            assertWithin(child, depth + 1, maxDepth, maxAttributes);
        }
    }

    private static void check(boolean holds, String message) {
        if (!holds) {
            throw new AssertionError(message);
        }
    }
}
