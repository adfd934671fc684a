package io.switchboard.api.cluster;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tells the other members what changed here, for a service that keeps state in memory (a node's
 * subscribers, its last items): each member's {@link RelayListener}s of the channel hear it.
 */
@ProviderType
public interface ClusterRelay {

    /**
     * Sends a message on a channel to every other member, without waiting for them. A member hears
     * one sender's messages of a channel in the order they were sent; a member that is not there
     * when it is sent never hears it.
     */
    void broadcast(String channel, String message);
}
