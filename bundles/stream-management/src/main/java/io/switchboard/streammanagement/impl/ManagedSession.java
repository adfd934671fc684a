package io.switchboard.streammanagement.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.session.ClientSession;
import io.switchboard.api.session.SessionEnd;
import io.switchboard.api.stream.Negotiation;
import io.switchboard.api.stream.StreamManagement;

/**
 * The acknowledgement books of one session (XEP-0198): how many stanzas the server handled, which
 * ones it sent that the client has not acknowledged, and whether the session waits, detached, to be
 * resumed. Sessions are ended and stanzas bounced outside its lock: ending one session delivers to
 * others, whose books have locks of their own.
 */
final class ManagedSession implements StreamManagement {

    private final Negotiation stream;
    private final ClientSession session;
    private final Resumptions resumptions;
    private final StreamManagementSettings settings;
    /** The previd a client resumes with; null when it did not ask for resumption. */
    private final String id;
    private final Duration resumeFor;

    // guarded by this
    private long handled;
    private long acknowledged;
    private final ArrayDeque<Element> unacknowledged = new ArrayDeque<>();
    private boolean askedForAck;
    private Instant detachedAt;
    private long detachedBytes;
    private boolean resuming;
    /** Ended, expired or overflowing: it will not be resumed. */
    private boolean over;
    private ScheduledFuture<?> expiry;

    ManagedSession(Negotiation stream, Resumptions resumptions, StreamManagementSettings settings, String id, Duration resumeFor) {
        this.stream = stream;
        this.session = stream.session();
        this.resumptions = resumptions;
        this.settings = settings;
        this.id = id;
        this.resumeFor = resumeFor;
    }

    String id() {
        return id;
    }

    ClientSession session() {
        return session;
    }

    JID user() {
        return session.address().asBareJID();
    }

    Duration resumeFor() {
        return resumeFor;
    }

    @Override
    public String namespace() {
        return Sm.NS;
    }

    @Override
    public synchronized void received(Element stanza) {
        handled = Sm.next(handled);
    }

    @Override
    public void sent(Element stanza) {
        boolean askForAck = false;
        String overflow = null;
        synchronized (this) {
            if (over) {
                return;
            }
            unacknowledged.addLast(stanza);
            if (detachedAt != null) {
                detachedBytes += size(stanza);
            }
            if (unacknowledged.size() > settings.maxQueuedStanzas()) {
                overflow = unacknowledged.size() + " unacknowledged stanzas (maxQueuedStanzas " + settings.maxQueuedStanzas() + ")";
            } else if (detachedAt != null && detachedBytes > settings.maxQueuedKilobytes() * 1024L) {
                overflow = detachedBytes + " bytes held while detached (maxQueuedKilobytes " + settings.maxQueuedKilobytes() + ")";
            } else if (detachedAt == null && !askedForAck && unacknowledged.size() >= settings.requestAckAfter()) {
                askedForAck = true;
                askForAck = true;
            }
            if (overflow != null) {
                over = true;
            }
        }
        if (askForAck) {
            stream.send(Sm.element("r"));
        }
        if (overflow != null) {
            resumptions.overflowed(this, overflow);
        }
    }

    @Override
    public void process(Element element) {
        switch (element.getName()) {
            case "r" -> {
                long h;
                synchronized (this) {
                    h = handled;
                }
                stream.send(Sm.withH("a", h));
            }
            case "a" -> {
                long h = Sm.h(element);
                String wrong = h < 0 ? "<a/> needs an h attribute" : acknowledge(h);
                if (wrong != null) {
                    stream.fail(StreamError.Condition.undefined_condition, wrong);
                }
            }
            case "enable", "resume" -> stream.send(Sm.failed("unexpected-request"));
            default -> stream.send(Sm.failed("feature-not-implemented"));
        }
    }

    /** The client handled stanzas up to h; null, or what is wrong with h. */
    private synchronized String acknowledge(long h) {
        long newly = Sm.distance(acknowledged, h);
        if (newly > unacknowledged.size()) {
            return "handled-count-too-high: h " + h + " but only " + Sm.distance(0, acknowledged + unacknowledged.size()) + " sent";
        }
        for (long i = 0; i < newly; i++) {
            Element gone = unacknowledged.pollFirst();
            if (detachedAt != null) {
                detachedBytes -= size(gone);
            }
        }
        acknowledged = h;
        askedForAck = false;
        return null;
    }

    @Override
    public boolean detach() {
        synchronized (this) {
            if (id == null || over || detachedAt != null) {
                return false;
            }
            detachedAt = Instant.now();
            detachedBytes = unacknowledged.stream().mapToLong(ManagedSession::size).sum();
            if (detachedBytes > settings.maxQueuedKilobytes() * 1024L) {
                detachedAt = null;
                return false;
            }
        }
        if (!resumptions.hold(this)) {
            synchronized (this) {
                detachedAt = null;
            }
            return false;
        }
        return true;
    }

    synchronized void expireLater(ScheduledFuture<?> task) {
        this.expiry = task;
    }

    /**
     * The time to resume is up: true when the session is to end now. A session whose connection
     * was replaced by a resumption while it was being detached has its books put back instead.
     */
    synchronized boolean expire() {
        if (detachedAt == null || resuming || over) {
            return false;
        }
        if (!session.isDetached()) {
            detachedAt = null; // resumed under our feet: the core never detached it
            resumptions.released(user());
            return false;
        }
        over = true;
        return true;
    }

    /** A client asks to resume with h: null to go on, else the condition to refuse with. */
    synchronized String beginResume(long h) {
        if (over || resuming) {
            return "item-not-found";
        }
        if (Sm.distance(acknowledged, h) > unacknowledged.size()) {
            return "undefined-condition";
        }
        resuming = true;
        acknowledge(h);
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
        return null;
    }

    synchronized void abortResume() {
        resuming = false;
    }

    /** Runs while the session takes its new connection: the answer, then what the client has not acknowledged. */
    void resumed() {
        List<Element> resend;
        synchronized (this) {
            resuming = false;
            detachedAt = null;
            askedForAck = false;
            stream.send(Sm.withH("resumed", handled).addAttribute("previd", id));
            resend = List.copyOf(unacknowledged);
        }
        resend.forEach(stream::send);
        resumptions.resent(this, resend.size());
    }

    synchronized boolean isDetached() {
        return detachedAt != null;
    }

    @Override
    public void ended(SessionEnd why) {
        List<Element> left;
        synchronized (this) {
            over = true;
            left = List.copyOf(unacknowledged);
            unacknowledged.clear();
            if (expiry != null) {
                expiry.cancel(false);
            }
        }
        resumptions.forget(this);
        resumptions.unacknowledged(session.address(), left);
    }

    @Override
    public synchronized String describe() {
        StringBuilder line = new StringBuilder(id == null ? "acks" : "resumable " + resumeFor.toSeconds() + " s");
        line.append(", ").append(unacknowledged.size()).append(" unacknowledged");
        if (detachedAt != null) {
            line.append(", detached ").append(Duration.between(detachedAt, Instant.now()).toSeconds()).append(" s, ")
                    .append(detachedBytes / 1024).append(" KB held");
        }
        return line.toString();
    }

    private static long size(Element stanza) {
        return stanza.asXML().length();
    }
}
