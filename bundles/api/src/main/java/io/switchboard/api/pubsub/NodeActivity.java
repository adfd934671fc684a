package io.switchboard.api.pubsub;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the publish-subscribe service saw happen on its nodes, for operators' pages and tools
 * (the web console's nodes page). Kept in memory: it starts empty when the service starts.
 */
@ProviderType
public interface NodeActivity {

    /**
     * When an item was last published to the node, by a client or an event source, since the
     * service started; empty when none was (or there is no such node).
     */
    Optional<Instant> lastPublished(String node);
}
