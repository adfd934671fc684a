package io.switchboard.http.impl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.http.HttpMount;

/**
 * Runs the Jetty server and mounts every {@link HttpMount} on it while both are there.
 * Reconfiguring restarts the listeners (and so ends the connections they carry).
 */
@Component(immediate = true, configurationPid = HttpConfiguration.PID)
@Designate(ocd = HttpConfiguration.class)
public class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    /** Jetty's acceptors and selectors of three listeners take several; requests need some left. */
    private static final int MIN_THREADS = 16;

    private final Server server;
    private final ContextHandlerCollection contexts = new ContextHandlerCollection(true);
    private final Map<HttpMount, ContextHandler> mounted = new ConcurrentHashMap<>();

    @Activate
    public HttpServer(@Reference SSLContext certificate, HttpConfiguration config) throws Exception {
        int maxThreads = config.maxThreads() > 0 ? config.maxThreads() : Math.max(32, 16 * Runtime.getRuntime().availableProcessors());
        if (maxThreads < MIN_THREADS) {
            LOG.warn("{}: maxThreads = {} leaves the listeners too few threads; using {}", HttpConfiguration.PID, maxThreads, MIN_THREADS);
            maxThreads = MIN_THREADS;
        }
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 4);
        threads.setName("switchboard-http");
        server = new Server(threads);
        List<Integer> securePorts = new ArrayList<>();
        securePorts.add(config.securePort());
        Arrays.stream(config.additionalSecurePorts()).forEach(securePorts::add);
        SslContextFactory.Server certificates = new SslContextFactory.Server();
        certificates.setSslContext(certificate);
        org.eclipse.jetty.server.HttpConfiguration https = new org.eclipse.jetty.server.HttpConfiguration();
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false); // clients reach a self-signed server by IP as often as by name
        https.addCustomizer(customizer);
        for (int port : securePorts) {
            if (port >= 0) {
                ServerConnector secure = new ServerConnector(server, new SslConnectionFactory(certificates, "http/1.1"), new HttpConnectionFactory(https));
                secure.setHost(config.secureHost());
                secure.setPort(port);
                server.addConnector(secure);
            }
        }
        if (config.plainPort() >= 0) {
            if (!InetAddress.getByName(config.plainHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException(HttpConfiguration.PID + ": plainHost '" + config.plainHost()
                        + "' is not a loopback address; unencrypted HTTP is only offered on loopback");
            }
            ServerConnector plain = new ServerConnector(server, new HttpConnectionFactory());
            plain.setHost(config.plainHost());
            plain.setPort(config.plainPort());
            server.addConnector(plain);
        }
        server.setHandler(contexts);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        listeners().forEach(url -> LOG.info("HTTP on {}{}", url, url.startsWith("https") ? "" : " (loopback only)"));
    }

    /** Where the server listens, e.g. https://0.0.0.0:8445. */
    private List<String> listeners() {
        return Arrays.stream(server.getConnectors()).map(ServerConnector.class::cast)
                .map(listener -> (listener.getConnectionFactory(SslConnectionFactory.class) != null ? "https" : "http")
                        + "://" + listener.getHost() + ":" + listener.getLocalPort())
                .toList();
    }

    @Deactivate
    void deactivate() throws Exception {
        server.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMount(HttpMount mount) throws Exception {
        ContextHandler handler = mount.handler(server);
        mounted.put(mount, handler);
        contexts.addHandler(handler);
        handler.start();
        listeners().forEach(url -> LOG.info("{} on {}", mount, url));
    }

    void removeMount(HttpMount mount) throws Exception {
        ContextHandler handler = mounted.remove(mount);
        if (handler != null) {
            contexts.removeHandler(handler);
            handler.stop();
        }
    }
}
