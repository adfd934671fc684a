package io.switchboard.api.events;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's publisher of typed events: hands each source its {@link EventSink}. The node scheme
 * is the server's (configured, by default Finesse's {@code /finesse/api/User/<id>},
 * {@code /finesse/api/Team/<id>/Users}, {@code /finesse/api/User/<id>/Dialogs},
 * {@code /finesse/api/Queue/<id>}); a source may root it elsewhere with its own prefix.
 */
@ProviderType
public interface ContactCentreEvents {

    /** The sink of the named source under the server's node scheme. */
    EventSink sink(String source);

    /**
     * The sink of the named source with the node scheme rooted at another prefix:
     * {@code /acme} gives {@code /acme/User/<id>}.
     *
     * @param nodePrefix starts with '/', does not end with one
     * @throws IllegalArgumentException if the prefix is not like that
     */
    EventSink sink(String source, String nodePrefix);
}
