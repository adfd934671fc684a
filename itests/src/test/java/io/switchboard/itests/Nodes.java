package io.switchboard.itests;

import java.util.ArrayList;
import java.util.List;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
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

    /** Publishes {@code count} items to the node one after another, as fast as they go; returns their ids in order. */
    static List<String> publish(BundleContext context, String node, int count) {
        ServiceReference<EventPublisher> reference = context.getServiceReference(EventPublisher.class);
        try {
            EventPublisher publisher = context.getService(reference);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Element payload = DocumentHelper.createElement(QName.get("sample", "urn:switchboard:test"));
                payload.addAttribute("seq", String.valueOf(i));
                ids.add(publisher.publish(node, payload));
            }
            return ids;
        } finally {
            context.ungetService(reference);
        }
    }
}
