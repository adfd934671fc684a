package io.switchboard.console.impl;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.dom4j.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.xmpp.packet.Presence;

import io.switchboard.api.presence.EntityCapabilities;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionRegistry;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Console page: every bound session with its transport, address, since when, and its entity caps. */
@Component(service = Servlet.class, property = {
        ServletConstants.PLUGIN_LABEL + "=switchboard-sessions",
        ServletConstants.PLUGIN_TITLE + "=Sessions",
        ServletConstants.PLUGIN_CATEGORY + "=Switchboard"})
public class SessionsPage extends AbstractServlet {

    private static final long serialVersionUID = 1L;

    private final transient SessionRegistry sessions;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile EntityCapabilities capabilities;

    @Activate
    public SessionsPage(@Reference SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<ClientSession> all = sessions.all().stream().sorted(Comparator.comparing(session -> session.address().toString())).toList();
        List<List<Object>> rows = all.stream().map(session -> List.<Object>of(session.address(), session.transport(),
                session.remoteAddress(), session.since().truncatedTo(ChronoUnit.SECONDS), caps(session),
                session.lastReceived() == null ? "" : session.lastReceived().truncatedTo(ChronoUnit.SECONDS),
                session.member() == null ? "this server" : session.member())).toList();
        Html.table(response.getWriter(), "switchboard-sessions", all.size() + " sessions, as of " + Instant.now().truncatedTo(ChronoUnit.SECONDS),
                List.of("JID", "Transport", "Address", "Since", "Caps", "Last heard", "Member"), rows);
    }

    /** The caps the client announced (node#ver) and, once verified, how many features they stand for. */
    private String caps(ClientSession session) {
        Presence presence = session.presence();
        Element c = presence == null ? null : presence.getChildElement("c", "http://jabber.org/protocol/caps");
        if (c == null) {
            return "none";
        }
        EntityCapabilities verifier = capabilities;
        Set<String> features = verifier == null ? null : verifier.features(session.address()).orElse(null);
        return c.attributeValue("node") + "#" + c.attributeValue("ver")
                + (features == null ? " (not verified)" : " (verified, " + features.size() + " features)");
    }
}
