package io.switchboard.core.impl;

import java.util.Comparator;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionRegistry;

/** Gogo commands for operators: {@code switchboard:sessions} lists who is connected, {@code kick} ends one. */
@Component(service = SessionCommands.class, property = {
        "osgi.command.scope=switchboard",
        "osgi.command.function=sessions",
        "osgi.command.function=kick"})
public class SessionCommands {

    private final SessionRegistry sessions;

    @Activate
    public SessionCommands(@Reference SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /**
     * sessions: one line per bound session: full JID, transport, peer address, since, presence, and
     * what stream management says (detached, its queue) when the client enabled it.
     */
    public String sessions() {
        String lines = sessions.all().stream()
                .sorted(Comparator.comparing(session -> session.address().toString()))
                .map(SessionCommands::line)
                .collect(Collectors.joining("\n"));
        return lines.isEmpty() ? "No sessions" : lines;
    }

    private static String line(ClientSession session) {
        String line = String.join("  ", session.address().toString(), session.transport(),
                session.remoteAddress(), String.valueOf(session.since()),
                session.isAvailable() ? "available" : "unavailable");
        String managed = session instanceof ClientStream stream ? stream.managementSummary() : null;
        return managed == null ? line : line + "  " + managed;
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
