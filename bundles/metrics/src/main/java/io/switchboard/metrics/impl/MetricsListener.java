package io.switchboard.metrics.impl;

import java.util.function.Supplier;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.switchboard.http.ReadOnlyResource;

/** A plain HTTP listener of its own serving one read-only resource, for a metrics port apart from the clients' ports. */
final class MetricsListener implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    /** Listening when it returns. @throws IllegalStateException naming the PID and key when it cannot listen */
    MetricsListener(String host, int port, String path, Supplier<ReadOnlyResource.Answer> answer) {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2); // a scraper or two, a request every few seconds
        threads.setName("switchboard-metrics-http");
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory());
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(ReadOnlyResource.at(path, answer));
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException(MetricsConfiguration.PID + ": cannot listen on bindAddress " + host + " port " + port
                    + ": " + e.getMessage(), e);
        }
    }

    /** The port it listens on (the one picked, when configured 0). */
    int port() {
        return connector.getLocalPort();
    }

    String host() {
        return connector.getHost();
    }

    @Override
    public void close() {
        try {
            // the port first: Jetty stops the handler before the connector, and a scrape in between would get a 404
            connector.stop();
            server.stop();
        } catch (Exception e) {
            // stopping: nothing left to do
        }
    }
}
