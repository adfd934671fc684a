package io.switchboard.api.events;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where one source publishes its typed events. Each event goes to every node the server's node
 * scheme gives it (an agent's state: the agent's node and its team's), created if missing.
 * Counted for the source's events per second.
 */
@ProviderType
public interface EventSink {

    /** The source's name this sink counts for. */
    String source();

    /** The node prefix of this sink's node scheme, e.g. {@code /finesse/api}. */
    String nodePrefix();

    /**
     * The nodes an event goes to, in publishing order, without publishing it.
     *
     * @throws IllegalArgumentException if the event cannot be mapped (e.g. a membership event of an agent without a team)
     */
    List<String> nodes(ContactCentreEvent event);

    /**
     * Creates the nodes an event would go to, so desktops can subscribe before the first event.
     *
     * @return the nodes
     */
    List<String> createNodes(ContactCentreEvent event);

    /**
     * Publishes the event to its nodes: every payload is built before the first item is published,
     * so an event that cannot be mapped publishes nothing.
     *
     * @return the nodes published to
     * @throws IllegalArgumentException if the event cannot be mapped; nothing was published
     * @throws io.switchboard.api.pubsub.StoreException if an item could not be stored
     */
    List<String> publish(ContactCentreEvent event);

    /**
     * Publishes several events together, as one request of an external system brings them: every
     * payload is built first, then every item is stored in one transaction before anyone is
     * notified, so that either all of the events are published or none is.
     *
     * @return the nodes published to, one per item, in publishing order
     * @throws IllegalArgumentException if an event cannot be mapped; nothing was published
     * @throws io.switchboard.api.pubsub.StoreException if the items could not be stored; none was
     */
    List<String> publish(List<? extends ContactCentreEvent> events);
}
