package io.switchboard.events.impl;

import java.util.ArrayList;
import java.util.List;

import org.dom4j.Element;

import io.switchboard.api.events.AgentStateEvent;
import io.switchboard.api.events.ContactCentreEvent;
import io.switchboard.api.events.DialogEvent;
import io.switchboard.api.events.EventSink;
import io.switchboard.api.events.QueueStatisticsEvent;
import io.switchboard.api.events.TeamMembershipEvent;
import io.switchboard.api.pubsub.EventPublisher;

/** One source's sink under one node scheme; counts what it publishes. */
final class Sink implements EventSink {

    private final String source;
    private final NodeScheme scheme;
    private final FinesseUpdates updates;
    private final EventPublisher publisher;
    private final EventRate rate;

    Sink(String source, NodeScheme scheme, EventPublisher publisher, EventRate rate) {
        this.source = source;
        this.scheme = scheme;
        this.updates = new FinesseUpdates(scheme);
        this.publisher = publisher;
        this.rate = rate;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String nodePrefix() {
        return scheme.prefix();
    }

    @Override
    public List<String> nodes(ContactCentreEvent event) {
        return items(event).stream().map(Item::node).toList();
    }

    @Override
    public List<String> createNodes(ContactCentreEvent event) {
        List<String> nodes = nodes(event);
        nodes.forEach(publisher::createNode);
        return nodes;
    }

    @Override
    public List<String> publish(ContactCentreEvent event) {
        return publish(List.of(event));
    }

    /** Every payload built first (a bad event publishes nothing), then all items stored together or none. */
    @Override
    public List<String> publish(List<? extends ContactCentreEvent> events) {
        List<EventPublisher.Publication> publications = new ArrayList<>();
        for (ContactCentreEvent event : events) {
            for (Item item : items(event)) {
                publications.add(new EventPublisher.Publication(item.node(), item.payload()));
            }
        }
        publisher.publish(publications);
        rate.count(events.size());
        return publications.stream().map(EventPublisher.Publication::node).toList();
    }

    EventRate rate() {
        return rate;
    }

    /** The node and payload of each item an event makes. */
    private List<Item> items(ContactCentreEvent event) {
        if (event instanceof AgentStateEvent state) {
            String userNode = scheme.userNode(state.agent().loginId());
            List<Item> items = new ArrayList<>();
            items.add(new Item(userNode, FinesseUpdates.notification(updates.user(state), "PUT", userNode)));
            if (state.agent().team() != null) {
                items.add(new Item(scheme.teamNode(state.agent().team().id()),
                        FinesseUpdates.notification(updates.teamMember(state), "PUT", userNode)));
            }
            return items;
        }
        if (event instanceof TeamMembershipEvent membership) {
            return List.of(new Item(scheme.teamNode(membership.team().id()), FinesseUpdates.notification(
                    updates.teamMember(membership.agent(), membership.state()), membership.joined() ? "POST" : "DELETE",
                    scheme.userNode(membership.agent().loginId()))));
        }
        if (event instanceof DialogEvent dialog) {
            String verb = switch (dialog.change()) {
                case CREATED -> "POST";
                case UPDATED -> "PUT";
                case DELETED -> "DELETE";
            };
            return List.of(new Item(scheme.dialogsNode(dialog.agent().loginId()),
                    FinesseUpdates.notification(updates.dialog(dialog), verb, updates.dialogUri(dialog))));
        }
        if (event instanceof QueueStatisticsEvent queue) {
            String node = scheme.queueNode(queue.queueId());
            return List.of(new Item(node, FinesseUpdates.notification(updates.queue(queue), "PUT", node)));
        }
        throw new IllegalArgumentException("not a contact-centre event this server knows: " + event);
    }

    private record Item(String node, Element payload) {
    }
}
