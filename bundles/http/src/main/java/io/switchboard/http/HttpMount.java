package io.switchboard.http;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something served over HTTP on the server's one Jetty server (WebSocket, BOSH, pages, metrics),
 * registered as a service: it is mounted while both are there, and unmounted when either goes.
 */
@ConsumerType
public interface HttpMount {

    /**
     * The handler to mount, made for this server (a WebSocket upgrade handler needs it); its
     * context path says where. Called again whenever the server starts anew.
     */
    ContextHandler handler(Server server);
}
