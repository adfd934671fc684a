package io.switchboard.itests;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.switchboard.api.pubsub.EventPublisher;

/**
 * Makes publish-subscribe nodes as an event source would, so desktops can subscribe before the
 * source that publishes there is installed. (A class of its own: the test classes never name the
 * server's API types, which exist only inside the container.)
 */
final class Nodes {

    private Nodes() {
    }

    static void create(BundleContext context, String... nodes) {
        ServiceReference<EventPublisher> reference = context.getServiceReference(EventPublisher.class);
        try {
            EventPublisher publisher = context.getService(reference);
            for (String node : nodes) {
                publisher.createNode(node);
            }
        } finally {
            context.ungetService(reference);
        }
    }
}
