package io.switchboard.finesse.impl;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.api.routing.Router;
import io.switchboard.http.HttpMount;
import io.switchboard.http.ReadOnlyResource;

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
        return ReadOnlyResource.at(PATH, () -> new ReadOnlyResource.Answer(HttpStatus.OK_200, "application/xml; charset=UTF-8", systemInfo()));
    }

    @Override
    public String toString() {
        return "Finesse SystemInfo at " + PATH;
    }
}
