package io.switchboard.finesse.impl;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.api.routing.Router;
import io.switchboard.http.HttpMount;

/**
 * {@code GET /finesse/api/SystemInfo}, which a Finesse desktop reads before it connects: above all
 * the XMPP domain and the publish-subscribe service to subscribe on.
 */
@Component(service = HttpMount.class)
public class SystemInfoResource implements HttpMount {

    static final String PATH = "/finesse/api/SystemInfo";

    private final Router router;
    private final Clock clock;

    @Activate
    public SystemInfoResource(@Reference Router router) {
        this(router, Clock.systemUTC());
    }

    SystemInfoResource(Router router, Clock clock) {
        this.router = router;
        this.clock = clock;
    }

    /** The document, as Finesse's REST API writes it. */
    String systemInfo() {
        Element info = DocumentHelper.createElement("SystemInfo");
        info.addElement("currentTimestamp").setText(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        info.addElement("status").setText("IN_SERVICE");
        info.addElement("xmppDomain").setText(router.domain());
        info.addElement("xmppPubSubDomain").setText("pubsub." + router.domain());
        return info.asXML();
    }

    @Override
    public ContextHandler handler(Server server) {
        ContextHandler context = new ContextHandler(PATH);
        context.setAllowNullPathInContext(true); // the resource is the path itself, not a folder to redirect to
        context.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                    Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                    return true;
                }
                response.setStatus(HttpStatus.OK_200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml; charset=UTF-8");
                response.write(true, java.nio.ByteBuffer.wrap(systemInfo().getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        return context;
    }

    @Override
    public String toString() {
        return "Finesse SystemInfo at " + PATH;
    }
}
