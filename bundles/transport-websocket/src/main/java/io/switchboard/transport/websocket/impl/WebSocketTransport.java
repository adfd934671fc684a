package io.switchboard.transport.websocket.impl;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.stream.StreamPipeline;

/**
 * Runs the Jetty server that carries XMPP over WebSocket. Reconfiguring restarts the listeners;
 * stopping the bundle ends only this transport's connections, each with {@code system-shutdown}.
 */
@Component(service = WebSocketTransport.class, immediate = true, configurationPid = "io.switchboard.transport.websocket")
@Designate(ocd = WebSocketConfiguration.class)
public class WebSocketTransport {

    static final String SUBPROTOCOL = "xmpp";
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);

    private final Set<XmppWebSocket> connections = ConcurrentHashMap.newKeySet();
    /*
     * A parser per Jetty thread, not per connection: frames are parsed one at a time on the thread
     * that read them, so thousands of idle connections hold no parser (Xerces's are not small).
     */
    private final ThreadLocal<FrameParser> parsers;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "switchboard-websocket-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final Server server;

    @Activate
    public WebSocketTransport(@Reference StreamPipeline pipeline, @Reference SSLContext certificate,
            WebSocketConfiguration config) throws Exception {
        parsers = ThreadLocal.withInitial(() -> new FrameParser(config.maxElementDepth(), config.maxAttributes()));
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("switchboard-websocket");
        server = new Server(threads);

        if (config.securePort() >= 0) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setSslContext(certificate);
            HttpConfiguration https = new HttpConfiguration();
            SecureRequestCustomizer customizer = new SecureRequestCustomizer();
            customizer.setSniHostCheck(false); // clients reach a self-signed server by IP as often as by name
            https.addCustomizer(customizer);
            ServerConnector secure = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
            secure.setHost(config.secureHost());
            secure.setPort(config.securePort());
            server.addConnector(secure);
        }
        if (config.plainPort() >= 0) {
            if (!InetAddress.getByName(config.plainHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("io.switchboard.transport.websocket: plainHost '" + config.plainHost()
                        + "' is not a loopback address; unencrypted XMPP is only offered on loopback");
            }
            ServerConnector plain = new ServerConnector(server, new HttpConnectionFactory());
            plain.setHost(config.plainHost());
            plain.setPort(config.plainPort());
            server.addConnector(plain);
        }

        // "allowedOrigins =" with nothing after it comes as one empty string: that allows any
        Set<String> allowedOrigins = Arrays.stream(config.allowedOrigins()).map(String::trim)
                .filter(origin -> !origin.isEmpty()).collect(Collectors.toSet());
        WebSocketCreator creator = (request, response, callback) -> {
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (origin != null && !allowedOrigins.isEmpty() && !allowedOrigins.contains(origin)) {
                Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403,
                        "Origin " + origin + " may not connect (allowedOrigins)");
                return null;
            }
            if (!request.hasSubProtocol(SUBPROTOCOL)) {
                Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                        "The WebSocket subprotocol 'xmpp' (RFC 7395) is required");
                return null;
            }
            response.setAcceptedSubProtocol(SUBPROTOCOL);
            return new XmppWebSocket(pipeline, connections, parsers, timers, config);
        };
        ContextHandler context = new ContextHandler("/");
        context.setHandler(WebSocketUpgradeHandler.from(server, context, container -> {
            // a little beyond the stanza limit, so that the stream ends with an XMPP error, not a bare 1009
            container.setMaxTextMessageSize((long) config.maxMessageSize() * 4 + 65536);
            container.setIdleTimeout(Duration.ofSeconds(config.idleTimeoutSeconds()));
            for (String path : config.paths()) {
                container.addMapping(path, creator);
            }
        }));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        if (config.pingIntervalSeconds() > 0) {
            timers.scheduleAtFixedRate(() -> connections.forEach(XmppWebSocket::ping),
                    config.pingIntervalSeconds(), config.pingIntervalSeconds(), TimeUnit.SECONDS);
        }
        for (Connector connector : server.getConnectors()) {
            ServerConnector listener = (ServerConnector) connector;
            boolean tls = listener.getConnectionFactory(SslConnectionFactory.class) != null;
            LOG.info("XMPP over WebSocket on {}://{}:{}{}{}", tls ? "wss" : "ws", listener.getHost(), listener.getLocalPort(),
                    config.paths()[0], tls ? "" : " (loopback only)");
        }
    }

    @Deactivate
    void deactivate() throws Exception {
        timers.shutdownNow();
        connections.forEach(XmppWebSocket::shutdown);
        server.stop();
    }
}
