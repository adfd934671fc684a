package io.switchboard.api.stream;

import org.dom4j.Element;
import org.osgi.annotation.versioning.ConsumerType;

import io.switchboard.api.session.SessionEnd;

/**
 * Stream management (XEP-0198) of one bound session, made by the feature that enabled it and
 * handed to the stream with {@link Negotiation#manage}. The stream tells it of every stanza in
 * and out, hands it the elements of its namespace, and asks it what to do when the connection
 * drops. It outlives the feature that made it: stopping that feature ends no session.
 *
 * <p>{@link #sent} is called with the session's outbound lock held, in the order the stanzas are
 * written; the other methods on the stream's own thread.
 */
@ConsumerType
public interface StreamManagement {

    /** The namespace of the elements this management handles, e.g. {@code urn:xmpp:sm:3}. */
    String namespace();

    /** A stanza the client sent, before it is routed: the session counts what it handled. */
    void received(Element stanza);

    /**
     * A stanza for the client, just written, or held back while the session is detached: kept until
     * the client acknowledges it.
     */
    void sent(Element stanza);

    /** An element in {@link #namespace()} from the client ({@code <r/>}, {@code <a/>}, ...). */
    void process(Element element);

    /**
     * The connection is gone. True keeps the session, detached, for the client to resume: stanzas
     * for it are then only {@linkplain #sent held}; false ends it now.
     */
    boolean detach();

    /** The session ended for good: what was sent and not acknowledged is dealt with here. */
    void ended(SessionEnd why);

    /** One line for the operator's session list, e.g. {@code resumable, 3 unacknowledged}. */
    String describe();
}
