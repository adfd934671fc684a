package io.switchboard.core.impl;

import java.util.Comparator;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.cluster.Cluster;
import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionRegistry;

/** Gogo commands for operators: {@code switchboard:sessions} lists who is connected, {@code kick} ends one. */
@Component(service = SessionCommands.class, property = {
        "osgi.command.scope=switchboard",
        "osgi.command.function=sessions",
        "osgi.command.function=kick"})
public class SessionCommands {

    private final SessionRegistry sessions;

    /** Present while this server is a member of a cluster: each line then names the member. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Cluster cluster;

    @Activate
    public SessionCommands(@Reference SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /**
     * sessions: one line per bound session: full JID, transport, peer address, since, presence, and
     * what stream management says (detached, its queue) when the client enabled it; in a cluster,
     * every member's sessions, each line ending with the member it is on.
     */
    public String sessions() {
        Cluster current = cluster;
        String here = current == null ? null : current.local().name();
        String lines = sessions.all().stream()
                .sorted(Comparator.comparing(session -> session.address().toString()))
                .map(session -> line(session, here))
                .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? "No sessions" : lines;
    }

    private static String line(ClientSession session, String here) {
        String line = String.join("  ", session.address().toString(), session.transport(),
                session.remoteAddress(), String.valueOf(session.since()),
                session.isAvailable() ? "available" : "unavailable");
        String managed = session instanceof ClientStream stream ? stream.managementSummary() : null;
        line = managed == null ? line : line + "  " + managed;
        String member = session.member() != null ? session.member() : here;
        return member == null ? line : line + "  on " + member;
    }

    /** kick FULLJID: ends that session with a policy-violation stream error. */
    public String kick(String fullJid) {
        ClientSession session;
        try {
            session = sessions.session(new JID(fullJid)).orElse(null);
        } catch (IllegalArgumentException e) {
            return "Not a JID: " + fullJid;
        }
        if (session == null) {
            return "No session " + fullJid;
        }
        session.close(StreamError.Condition.policy_violation);
        return "Ended " + fullJid;
    }
}
