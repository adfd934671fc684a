package io.switchboard.api.routing;

import org.osgi.annotation.versioning.ProviderType;
import java.util.concurrent.CompletableFuture;

import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

/**
 * Delivers a stanza to wherever its {@code to} address points: the server's own handlers, a
 * component's subdomain, or a user's sessions. Never blocks on a slow recipient.
 */
@ProviderType
public interface Router {

    /**
     * Service property of a Tinder {@link org.xmpp.component.Component} service: the subdomain it
     * is mounted at while registered, e.g. {@code pubsub} for {@code pubsub.<domain>}.
     */
    String COMPONENT_SUBDOMAIN = "component.subdomain";

    /** The XMPP domain this server answers for, e.g. {@code localhost}. */
    String domain();

    /**
     * Routes a stanza whose {@code from} is already set and trusted. Errors the sender should see
     * (no such user, service unavailable) come back to the sender as error stanzas.
     */
    void route(Packet packet);

    /**
     * Sends an IQ request from the server itself ({@code from} is set to the domain) and completes
     * with the answer, a result or an error; completes exceptionally after 30 seconds without one.
     */
    CompletableFuture<IQ> query(IQ request);
}
