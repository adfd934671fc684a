package io.switchboard.cluster.impl;

import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;

import org.dom4j.DocumentException;
import org.dom4j.io.SAXReader;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionEnd;

/**
 * A session bound on another member, as the directory says: what is delivered to it, and a close,
 * go to that member's mail. Immutable: a change (a new presence) is a new entry in the directory.
 */
final class RemoteSession implements ClientSession {

    /** A directory entry's value: who holds the session and what others need to know of it, one field per line. */
    record Entry(UUID member, String memberName, String transport, String remoteAddress, Instant since, String presence) {

        static Entry of(UUID member, String memberName, ClientSession session) {
            Presence presence = session.presence();
            return new Entry(member, memberName, session.transport(), session.remoteAddress(), session.since(),
                    presence == null ? "" : presence.toXML());
        }

        String encode() {
            return String.join("\n", member.toString(), memberName, transport, remoteAddress,
                    Long.toString(since.toEpochMilli()), presence);
        }

        static Entry decode(String value) {
            String[] fields = value.split("\n", 6);
            return new Entry(UUID.fromString(fields[0]), fields[1], fields[2], fields[3],
                    Instant.ofEpochMilli(Long.parseLong(fields[4])), fields.length > 5 ? fields[5] : "");
        }
    }

    private final JID address;
    private final Entry entry;
    private final Presence presence;
    private final MemberMail mail;

    RemoteSession(JID address, Entry entry, MemberMail mail) {
        this.address = address;
        this.entry = entry;
        this.presence = parse(entry.presence());
        this.mail = mail;
    }

    private static Presence parse(String xml) {
        if (xml.isEmpty()) {
            return null;
        }
        try {
            return new Presence(new SAXReader().read(new StringReader(xml)).getRootElement(), true);
        } catch (DocumentException e) {
            return null; // written by a member from a presence it parsed: not expected
        }
    }

    Entry entry() {
        return entry;
    }

    @Override
    public JID address() {
        return address;
    }

    @Override
    public String transport() {
        return entry.transport();
    }

    @Override
    public String remoteAddress() {
        return entry.remoteAddress();
    }

    @Override
    public Instant since() {
        return entry.since();
    }

    @Override
    public Presence presence() {
        return presence;
    }

    @Override
    public void presence(Presence presence) {
        // the member holding the session records its presence, and the directory brings it here
    }

    @Override
    public Instant lastReceived() {
        return entry.since(); // its member watches the connection
    }

    @Override
    public SessionEnd end() {
        return null;
    }

    @Override
    public void deliver(Packet packet) {
        mail.deliver(entry.member(), address, packet);
    }

    @Override
    public void close(StreamError.Condition condition) {
        mail.close(entry.member(), address, condition);
    }

    @Override
    public String member() {
        return entry.memberName();
    }

    @Override
    public String toString() {
        return address + " on " + entry.memberName();
    }
}
