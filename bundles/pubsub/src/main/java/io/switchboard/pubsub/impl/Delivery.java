package io.switchboard.pubsub.impl;

import java.util.List;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.api.routing.SharedPayload;

/**
 * What the service sends: answers and notifications go out through the component while it is
 * mounted at {@code pubsub.<domain>} (nothing goes out while it is not); a published item's
 * notifications are fanned out and counted.
 */
@Component(service = Delivery.class)
public final class Delivery {

    /** Where the mounted component sends from and through. */
    private record Outlet(JID address, Consumer<Packet> sink) {
    }

    private final FanOut fanOut = FanOut.perProcessor();
    private final Notifications notifications = new Notifications(this::address);
    private volatile Outlet outlet;
    private volatile PublishMeters meters;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindMeterRegistry(MeterRegistry registry) {
        meters = new PublishMeters(registry);
    }

    void unbindMeterRegistry(MeterRegistry registry) {
        PublishMeters current = meters;
        if (current != null && current.registry() == registry) {
            meters = null;
        }
    }

    @Deactivate
    void deactivate() {
        fanOut.close();
    }

    /** The component is mounted at this address and sends through this sink. */
    void attach(JID address, Consumer<Packet> sink) {
        outlet = new Outlet(address, sink);
    }

    /** The component that attached this sink is unmounted (a newer one may have attached since). */
    void detach(Consumer<Packet> sink) {
        Outlet current = outlet;
        if (current != null && current.sink() == sink) {
            outlet = null;
        }
    }

    /** The service's address; null while the component is not mounted. */
    JID address() {
        Outlet current = outlet;
        return current == null ? null : current.address();
    }

    Notifications notifications() {
        return notifications;
    }

    /** A published item's notifications, one per recipient, sharing the item's event, rendered once. */
    List<Message> published(LeafNode node, LeafNode.Item item) {
        SharedPayload event = notifications.published(node.name(), item, node.config().deliverPayloads());
        return node.recipients().stream().map(recipient -> notifications.item(event, recipient)).toList();
    }

    void send(Packet packet) {
        Outlet current = outlet;
        if (current != null) {
            current.sink().accept(packet);
        }
    }

    /** Sends what a request or a publish made, returning once all of it has been handed over (FanOut keeps the order). */
    void sendAll(List<? extends Packet> packets) {
        fanOut.send(packets, this::send);
    }

    /** Sends one published item's notifications and counts them. */
    void sendPublished(List<? extends Packet> notified, boolean viaXmpp) {
        long start = System.nanoTime();
        sendAll(notified);
        PublishMeters current = meters;
        if (current != null) {
            current.count(viaXmpp, notified.size(), System.nanoTime() - start);
        }
    }
}
