package io.switchboard.pubsub.impl;

import java.util.stream.Collectors;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.api.pubsub.EventPublisher;

/** Gogo commands for operators: {@code switchboard:nodes} lists the nodes, {@code publish} publishes a test item. */
@Component(service = PubSubCommands.class, property = {
        "osgi.command.scope=switchboard",
        "osgi.command.function=nodes",
        "osgi.command.function=publish"})
public final class PubSubCommands {

    private final Nodes nodes;
    private final EventPublisher publisher;

    @Activate
    public PubSubCommands(@Reference(name = "nodes") Nodes nodes, @Reference(name = "publisher") EventPublisher publisher) {
        this.nodes = nodes;
        this.publisher = publisher;
    }

    /** nodes: one line per node: name, owner (or "server"), subscriptions, items kept. */
    public String nodes() {
        String lines = nodes.sorted().stream()
                .map(node -> node.name() + "  " + node.ownerName() + "  " + node.subscriptions().size() + " subscribers  "
                        + node.itemCount() + " items")
                .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? "No nodes" : lines;
    }

    /** publish NODE TEXT: publishes {@code <notification xmlns=pubsub>TEXT</notification>}, as Finesse events are. */
    public String publish(String node, String text) {
        LeafNode existing = nodes.get(node);
        if (existing == null) {
            return "No node " + node;
        }
        Element notification = DocumentHelper.createElement(QName.get("notification", Namespaces.PUBSUB));
        notification.setText(text);
        return "Published item " + publisher.publish(node, notification) + " to " + existing.subscriptions().size() + " subscribers";
    }
}
