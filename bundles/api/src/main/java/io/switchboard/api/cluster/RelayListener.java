package io.switchboard.api.cluster;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears what other members {@link ClusterRelay#broadcast broadcast} on the channel named by its
 * service property {@link #CHANNEL}. Called on the cluster's event threads: do not block.
 */
@ConsumerType
public interface RelayListener {

    /** Service property: the channel listened to. */
    String CHANNEL = "relay.channel";

    /** A message another member sent, and that member's name. */
    void received(String message, String member);
}
