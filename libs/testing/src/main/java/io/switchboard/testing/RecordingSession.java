package io.switchboard.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionEnd;

/**
 * A bound session without a stream behind it. It keeps the presence it is given and records a
 * copy of every stanza delivered to it and the condition of every close; each close also goes to
 * {@link #log} ({@code "close alice@example.com/desktop conflict"}, {@code "... clean"}), which a
 * test may share with other doubles to see the order of what happened across them.
 */
public final class RecordingSession implements ClientSession {

    /** Copies of the stanzas delivered, oldest first. */
    public final List<Packet> delivered = new ArrayList<>();
    /** The condition of each close, {@code null} for a clean one. */
    public final List<StreamError.Condition> closedWith = new ArrayList<>();
    /** The closes, in order. */
    public final List<String> log;
    private final JID address;
    private final Instant since = Instant.now();
    private Presence presence;
    /** What {@link #lastReceived()} answers; tests move it to make the session look idle. */
    public Instant lastReceived = Instant.now();
    /** What {@link #isDetached()} answers; tests set it as the core would when the connection drops. */
    public volatile boolean detached;
    /** What {@link #end()} answers; tests set it to say how the session ended. */
    public SessionEnd end;

    /** A session bound to this full JID, with a log of its own. */
    public RecordingSession(String fullJid) {
        this(new JID(fullJid), new ArrayList<>());
    }

    /** A session bound to this full JID whose closes are logged to {@code log}. */
    public RecordingSession(JID address, List<String> log) {
        this.address = address;
        this.log = log;
    }

    /** Makes the session available, as if the client had already sent its initial presence. */
    public RecordingSession available() {
        Presence initial = new Presence();
        initial.setFrom(address);
        presence = initial;
        return this;
    }

    /** Makes the session available with this priority, as its initial presence would. */
    public RecordingSession available(int priority) {
        available();
        presence.setPriority(priority);
        return this;
    }

    /** The stanza delivered last; fails if nothing was. */
    public Packet lastDelivered() {
        if (delivered.isEmpty()) {
            throw new AssertionError(address + " received nothing");
        }
        return delivered.get(delivered.size() - 1);
    }

    @Override
    public JID address() {
        return address;
    }

    @Override
    public String transport() {
        return "test";
    }

    @Override
    public String remoteAddress() {
        return "192.0.2.1:1";
    }

    @Override
    public Instant since() {
        return since;
    }

    @Override
    public Instant lastReceived() {
        return lastReceived;
    }

    @Override
    public SessionEnd end() {
        return end;
    }

    @Override
    public Presence presence() {
        return presence;
    }

    @Override
    public void presence(Presence latest) {
        presence = latest;
    }

    @Override
    public void deliver(Packet packet) {
        delivered.add(packet.createCopy()); // a snapshot: the sender may go on changing its stanza
    }

    @Override
    public void close(StreamError.Condition condition) {
        log.add("close " + address + " " + (condition == null ? "clean" : condition.toXMPP()));
        closedWith.add(condition);
    }

    @Override
    public String toString() {
        return address.toString();
    }

    @Override
    public boolean isDetached() {
        return detached;
    }
}
