package io.switchboard.api.stream;

import org.dom4j.Element;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A stream feature (SASL, resource binding, ...) registered as a service. The pipeline lists the
 * features of the current stage in {@code <stream:features>} and hands each element in a feature's
 * namespace to it: nonzas such as {@code <auth/>}, or IQs whose child is in that namespace
 * (resource binding).
 */
@ConsumerType
public interface StreamFeature {

    /** Service property: the feature's namespace, e.g. {@code urn:ietf:params:xml:ns:xmpp-sasl}. */
    String NAMESPACE = "switchboard.feature.namespace";

    /** Service property: {@link #STAGE_PRE_AUTH} or {@link #STAGE_POST_AUTH}. */
    String STAGE = "switchboard.feature.stage";

    String STAGE_PRE_AUTH = "pre-auth";
    String STAGE_POST_AUTH = "post-auth";

    /** The child of {@code <stream:features>} for this stream now, or {@code null} to offer nothing. */
    Element advertise(Negotiation stream);

    /** Handles an element in this feature's namespace; answers through {@link Negotiation#send}. */
    void process(Element element, Negotiation stream);
}
