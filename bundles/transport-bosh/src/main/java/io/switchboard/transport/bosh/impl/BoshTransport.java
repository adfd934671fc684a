package io.switchboard.transport.bosh.impl;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dom4j.Element;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.StreamError;

import io.switchboard.api.stream.StreamPipeline;
import io.switchboard.api.threads.DaemonThreads;
import io.switchboard.http.HttpMount;
import io.switchboard.xmldocument.RestrictedXmlReader;

/**
 * XMPP over BOSH (XEP-0124, XEP-0206), mounted on the server's HTTP listeners (bundle
 * {@code http}) at the configured path. Every answer, errors included, is HTTP 200 with a
 * {@code <body/>} (XEP-0124 17: terminal conditions travel in the body, not in HTTP codes).
 * Stopping the bundle ends only this transport's sessions, each with {@code system-shutdown}.
 */
@Component(service = HttpMount.class, configurationPid = BoshConfiguration.PID)
@Designate(ocd = BoshConfiguration.class)
public class BoshTransport implements HttpMount {

    private static final Logger LOG = LoggerFactory.getLogger(BoshTransport.class);
    /** Where a body that cannot be parsed names its session: only to end that session. */
    private static final Pattern SID = Pattern.compile("\\ssid\\s*=\\s*(['\"])([^'\"<>]{1,128})\\1");

    private final Map<String, BoshSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("switchboard-bosh-timers"));
    private final SecureRandom random = new SecureRandom();
    /* a parser per Jetty thread: bodies are parsed on the thread that read them */
    private final ThreadLocal<BodyParser> parsers;
    private final StreamPipeline pipeline;
    private final BoshConfiguration config;

    @Activate
    public BoshTransport(@Reference StreamPipeline pipeline, BoshConfiguration config) {
        this.pipeline = pipeline;
        this.config = config;
        this.parsers = ThreadLocal.withInitial(() -> new BodyParser(config.maxElementDepth(), config.maxAttributes()));
        timers.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        new ArrayList<>(sessions.values()).forEach(BoshSession::shutdown);
        sessions.clear();
        timers.shutdownNow();
    }

    private void sweep() {
        for (BoshSession session : new ArrayList<>(sessions.values())) {
            try {
                session.checkInactive();
            } catch (RuntimeException e) {
                LOG.warn("Ending inactive {} failed", session, e);
            }
        }
    }

    @Override
    public ContextHandler handler(Server server) {
        String path = config.path().replaceAll("/+$", "");
        ContextHandler context = new ContextHandler(path.isEmpty() ? "/" : path);
        context.setAllowNullPathInContext(true); // /http-bind as well as /http-bind/, without a redirect a POST would not follow
        context.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return BoshTransport.this.handle(request, response, callback);
            }
        });
        return context;
    }

    private boolean handle(Request request, Response response, Callback callback) throws IOException {
        // browsers on another origin (Strophe.js in a page) may talk to the connection manager
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "86400");
        if (HttpMethod.OPTIONS.is(request.getMethod())) {
            response.setStatus(HttpStatus.OK_200);
            callback.succeeded();
            return true;
        }
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST, OPTIONS");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                    "XMPP over BOSH (XEP-0206): POST a <body/>");
            return true;
        }
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(config.maxBodySize() + 1);
        }
        // a held request is answered by its session's wait timer, not failed by the connector's idle timeout
        request.addIdleTimeoutListener(timeout -> false);
        HttpExchange exchange = new HttpExchange(response, callback);
        try {
            dispatch(bytes, exchange, request);
        } catch (RuntimeException e) {
            LOG.error("BOSH request from {} failed", Request.getRemoteAddr(request), e);
            exchange.respond(BodyWriter.terminate("internal-server-error", List.of()));
        }
        return true;
    }

    private void dispatch(byte[] bytes, HttpExchange exchange, Request request) {
        if (bytes.length > config.maxBodySize()) {
            terminate(bytes, exchange, "policy-violation", StreamError.Condition.policy_violation,
                    "a request body may have at most " + config.maxBodySize() + " bytes");
            return;
        }
        Element body;
        try {
            body = parsers.get().parse(bytes);
        } catch (RestrictedXmlReader.RestrictedXmlException e) {
            fail(bytes, exchange, StreamError.Condition.restricted_xml, e.getMessage());
            return;
        } catch (RestrictedXmlReader.PolicyViolationException e) {
            fail(bytes, exchange, StreamError.Condition.policy_violation, e.getMessage());
            return;
        } catch (BodyParser.BadRequestException e) {
            terminate(bytes, exchange, "bad-request", StreamError.Condition.not_well_formed, null);
            return;
        }
        Long rid = number(body.attributeValue("rid"));
        String sid = body.attributeValue("sid");
        if (sid == null) {
            if (rid == null) {
                exchange.respond(BodyWriter.terminate("bad-request", List.of()));
            } else {
                create(body, rid, exchange, request);
            }
            return;
        }
        BoshSession session = sessions.get(sid);
        if (session == null) {
            exchange.respond(BodyWriter.terminate("item-not-found", List.of()));
        } else if (rid == null) {
            session.terminate(exchange, "bad-request", StreamError.Condition.bad_format, "every request needs a rid");
        } else {
            session.request(body, rid, exchange);
        }
    }

    private void create(Element body, long rid, HttpExchange exchange, Request request) {
        Long askedWait = number(body.attributeValue("wait"));
        Long askedHold = number(body.attributeValue("hold"));
        int wait = (int) Math.max(1, Math.min(askedWait == null ? config.maxWaitSeconds() : askedWait, config.maxWaitSeconds()));
        int hold = (int) Math.max(0, Math.min(askedHold == null ? 1 : askedHold, config.maxHold()));
        BoshSession.Terms terms = new BoshSession.Terms(wait, hold, Math.max(config.requests(), hold + 1),
                config.inactivitySeconds(), config.pollingSeconds());
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        boolean loopback = remote instanceof InetSocketAddress address && address.getAddress() != null
                && address.getAddress().isLoopbackAddress();
        BoshSession.Peer peer = new BoshSession.Peer(Request.getRemoteAddr(request), Request.getRemotePort(request),
                request.isSecure(), loopback);
        byte[] id = new byte[16];
        random.nextBytes(id);
        BoshSession session = new BoshSession(HexFormat.of().formatHex(id), terms, peer, pipeline, this::schedule,
                System::nanoTime, ended -> sessions.remove(ended.sid(), ended));
        sessions.put(session.sid(), session);
        session.start(body, rid, exchange);
    }

    /** A body that could not be parsed ends the session it names, if any. */
    private void terminate(byte[] bytes, HttpExchange exchange, String condition, StreamError.Condition streamCondition,
            String text) {
        BoshSession session = sessionNamedIn(bytes);
        if (session == null) {
            exchange.respond(BodyWriter.terminate(condition, List.of()));
        } else {
            session.terminate(exchange, condition, streamCondition, text);
        }
    }

    /** Restricted XML or a limit broken: the session's stream ends with that stream error. */
    private void fail(byte[] bytes, HttpExchange exchange, StreamError.Condition condition, String text) {
        BoshSession session = sessionNamedIn(bytes);
        if (session == null) {
            exchange.respond(BodyWriter.terminate("bad-request", List.of()));
        } else {
            session.fail(exchange, condition, text);
        }
    }

    private BoshSession sessionNamedIn(byte[] bytes) {
        Matcher sid = SID.matcher(new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1));
        return sid.find() ? sessions.get(sid.group(2)) : null;
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Runnable schedule(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> future = timers.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("A BOSH timer failed", e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { }; // stopping: the sessions are being ended anyway
        }
    }

    @Override
    public String toString() {
        return "XMPP over BOSH at " + config.path();
    }

    /** One HTTP request's response, written once, whenever the session answers it. */
    private static final class HttpExchange implements BoshSession.Exchange {

        private final Response response;
        private final Callback callback;
        private final AtomicBoolean answered = new AtomicBoolean();

        HttpExchange(Response response, Callback callback) {
            this.response = response;
            this.callback = callback;
        }

        @Override
        public void respond(String body) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }
}
