package io.switchboard.transport.websocket.impl;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.api.stream.StreamPipeline;
import io.switchboard.api.threads.DaemonThreads;
import io.switchboard.http.HttpMount;

/**
 * XMPP over WebSocket, mounted on the server's HTTP listeners (bundle {@code http}) at the
 * configured paths. Stopping the bundle ends only this transport's connections, each with
 * {@code system-shutdown}.
 */
@Component(service = HttpMount.class, configurationPid = "io.switchboard.transport.websocket")
@Designate(ocd = WebSocketConfiguration.class)
public class WebSocketTransport implements HttpMount {

    static final String SUBPROTOCOL = "xmpp";
    private static final int OUTPUT_BUFFER_SIZE = 32 * 1024;

    private final Set<XmppWebSocket> connections = ConcurrentHashMap.newKeySet();
    /*
     * A parser per Jetty thread, not per connection: frames are parsed one at a time on the thread
     * that read them, so thousands of idle connections hold no parser (Xerces's are not small).
     */
    private final ThreadLocal<FrameParser> parsers;
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("switchboard-websocket-timers-"));
    /*
     * As many writer threads as processors, not the HTTP pool: while they are busy, a connection's
     * frames wait together and leave in one write; more threads would only write them one by one.
     */
    private final ExecutorService writers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
            DaemonThreads.numbered("switchboard-websocket-writer-"));
    private final StreamPipeline pipeline;
    private final WebSocketConfiguration config;
    private final Set<String> allowedOrigins;

    @Activate
    public WebSocketTransport(@Reference StreamPipeline pipeline, WebSocketConfiguration config) {
        this.pipeline = pipeline;
        this.config = config;
        this.parsers = ThreadLocal.withInitial(() -> new FrameParser(config.maxElementDepth(), config.maxAttributes()));
        // "allowedOrigins =" with nothing after it comes as one empty string: that allows any
        this.allowedOrigins = Arrays.stream(config.allowedOrigins()).map(String::trim)
                .filter(origin -> !origin.isEmpty()).collect(Collectors.toSet());
        if (config.pingIntervalSeconds() > 0) {
            timers.scheduleAtFixedRate(() -> connections.forEach(XmppWebSocket::ping),
                    config.pingIntervalSeconds(), config.pingIntervalSeconds(), TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        timers.shutdownNow();
        connections.forEach(XmppWebSocket::shutdown);
        writers.shutdown();
    }

    @Override
    public ContextHandler handler(Server server) {
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
            return new XmppWebSocket(pipeline, connections, parsers, timers, writers, config);
        };
        ContextHandler context = new ContextHandler("/");
        context.setHandler(WebSocketUpgradeHandler.from(server, context, container -> {
            // a little beyond the stanza limit, so that the stream ends with an XMPP error, not a bare 1009
            container.setMaxTextMessageSize((long) config.maxMessageSize() * 4 + 65536);
            // frames up to a quarter of this are gathered into one write when several are queued
            container.setOutputBufferSize(OUTPUT_BUFFER_SIZE);
            container.setIdleTimeout(Duration.ofSeconds(config.idleTimeoutSeconds()));
            for (String path : config.paths()) {
                container.addMapping(path, creator);
            }
        }));
        return context;
    }

    @Override
    public String toString() {
        return "XMPP over WebSocket at " + String.join(", ", config.paths());
    }
}
