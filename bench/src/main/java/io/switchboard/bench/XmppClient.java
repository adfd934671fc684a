package io.switchboard.bench;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lean XMPP client for load, over WebSocket (RFC 7395, {@code ws://}) or TCP (RFC 6120, plain,
 * {@code tcp://host:port}): it reads top-level elements as text, matches IQ answers by id and hands
 * messages to a consumer, so that one JVM drives thousands of sessions. It speaks to any server
 * (single or double quotes, any attribute order).
 *
 * <p>Stream management (XEP-0198), once {@link #enableResumption() enabled}: it counts the stanzas it
 * handles, answers the server's {@code <r/>}, keeps what it sent until the server acknowledges it,
 * and after a {@link #cut() cut} {@link #resume resumes} the session on a new connection. Each
 * connection's frames carry its generation: once a connection is cut, what it still delivers is
 * ignored, so that the h the client resumes with counts exactly what it handled.
 */
final class XmppClient implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\\sid=['\"]([^'\"]+)['\"]");
    private static final Pattern TYPE = Pattern.compile("\\stype=['\"]([^'\"]+)['\"]");
    private static final Pattern H = Pattern.compile("\\sh=['\"]([0-9]+)['\"]");
    private static final long TIMEOUT_SECONDS = 30;
    private static final AtomicLong IDS = new AtomicLong();

    private final WebSocketLink.Reactor reactor;
    private final URI url;
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<String> nonzas = new LinkedBlockingQueue<>();
    private volatile Consumer<String> messages = message -> { };
    private volatile Link link;
    /** Guards what follows: a frame is counted, and a stanza queued and written, under it. */
    private final Object books = new Object();
    private int generation; // of the connection whose frames count; a cut one's are ignored
    private Acknowledgements acks; // null until <enabled/>
    private boolean attached = true; // false from a cut to <resumed/>: stanzas wait in acks
    private volatile long resumedAt; // System.nanoTime() when <resumed/> came

    /** Where frames go: a WebSocket, or a TCP connection carrying one XML stream. */
    interface Link {
        void send(String frame);

        /** The stream's opening (sent again after SASL). */
        String open(String domain);

        /** Ends the stream and the connection. */
        void close();

        /** Drops the connection as a network failure does: a reset (SO_LINGER 0), no closing of the stream. */
        void cut();
    }

    private XmppClient(WebSocketLink.Reactor reactor, URI url) {
        this.reactor = reactor;
        this.url = url;
    }

    /** @param reactor reads the session's frames when the URL is a WebSocket's */
    static XmppClient connect(WebSocketLink.Reactor reactor, URI url) {
        XmppClient client = new XmppClient(reactor, url);
        client.link = client.openLink(0);
        return client;
    }

    private Link openLink(int generationOfIt) {
        Consumer<String> frames = frame -> received(generationOfIt, frame);
        return "tcp".equals(url.getScheme())
                ? TcpLink.connect(url.getHost(), url.getPort(), frames)
                : WebSocketLink.connect(url, reactor, frames);
    }

    /** The desktop's login: open, SASL PLAIN, restart, bind, initial presence with caps. */
    String login(String domain, String user, String password, String resource) {
        authenticate(domain, user, password);
        return bind(resource);
    }

    /** Open, SASL PLAIN, and the restarted stream's features: what comes before binding or resuming. */
    private void authenticate(String domain, String user, String password) {
        expectNonzas(link.open(domain), 2); // <open/>, <stream:features/>
        String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        String answer = expectNonzas("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>", 1);
        if (!answer.startsWith("<success")) {
            throw new IllegalStateException(user + ": " + answer);
        }
        expectNonzas(link.open(domain), 2);
    }

    /** Binds the resource and sends initial presence with caps; returns the full JID. */
    String bind(String resource) {
        String bound = iq("set", null, "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource + "</resource></bind>");
        send("<presence xmlns='jabber:client'><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' "
                + "node='http://www.igniterealtime.org/projects/smack' ver='os2Kfa7QeAE+fHfhrPl4ZG8GnT0='/></presence>");
        int start = bound.indexOf("<jid>");
        return bound.substring(start + 5, bound.indexOf("</jid>"));
    }

    /**
     * Enables stream management with resumption (XEP-0198 3 and 5) on a bound stream: from the
     * server's {@code <enabled/>} on, stanzas are counted both ways.
     */
    void enableResumption() {
        synchronized (books) {
            // the server counts what the client sends from <enable/> on: a stanza sent before <enabled/>
            // comes back (a reply to the server's disco#info for the caps in the presence, say) counts too
            acks = new Acknowledgements();
            link.send("<enable xmlns='" + Acknowledgements.NS + "' resume='true'/>");
        }
        String answer = expectNonzas(null, 1);
        if (!answer.startsWith("<enabled") || attribute(ID, answer) == null) {
            synchronized (books) {
                acks = null;
            }
            throw new IllegalStateException("no resumable stream management: " + answer);
        }
    }

    /**
     * Cuts the connection as a network failure does: a reset, neither the stream nor the WebSocket
     * closed. From here on nothing that connection still delivers is handled or counted; stanzas
     * sent meanwhile wait to be sent after {@link #resume}.
     */
    void cut() {
        Link gone;
        synchronized (books) {
            if (acks == null || acks.previd() == null) {
                throw new IllegalStateException("stream management with resumption is not enabled");
            }
            generation++;
            attached = false;
            gone = link;
        }
        gone.cut();
    }

    /**
     * Resumes the session after a {@link #cut()} on a new connection (XEP-0198 5): open, SASL PLAIN,
     * restart, then {@code <resume previd h/>} instead of binding. True when the server answered
     * {@code <resumed/>}: what it had not handled of the client's is sent again, and it resends what
     * the client had not handled. False on {@code <failed/>}: the stream then waits for a
     * {@link #bind} afresh, without stream management.
     */
    boolean resume(String domain, String user, String password) {
        long h;
        String previd;
        int current;
        synchronized (books) {
            h = acks.handled();
            previd = acks.previd();
            current = generation;
        }
        nonzas.clear(); // whatever the cut connection left unread
        link = openLink(current);
        authenticate(domain, user, password);
        String answer = expectNonzas("<resume xmlns='" + Acknowledgements.NS + "' previd='" + previd + "' h='" + h + "'/>", 1);
        synchronized (books) {
            if (!answer.startsWith("<resumed")) {
                System.err.println("bench: " + user + ": resumption refused: " + answer);
                acks = null;
                attached = true;
                return false;
            }
            String theirs = attribute(H, answer);
            if (theirs == null || !acks.acknowledge(Long.parseLong(theirs))) {
                throw new IllegalStateException("the server acknowledges more than was sent: " + answer);
            }
            attached = true;
            for (String stanza : acks.unacknowledged()) {
                link.send(stanza);
            }
        }
        return true;
    }

    /** When the last {@code <resumed/>} came, on {@link System#nanoTime()}'s clock. */
    long resumedAt() {
        return resumedAt;
    }

    /**
     * In-band registration (XEP-0077) before authentication, for servers that store users themselves
     * (Prosody, ejabberd): they hash and salt the password as configured. An existing account is fine.
     */
    void register(String domain, String user, String password) {
        expectNonzas(link.open(domain), 2);
        try {
            iq("set", null, "<query xmlns='jabber:iq:register'><username>" + user + "</username><password>" + password
                    + "</password></query>");
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("<conflict")) {
                throw e;
            }
        }
    }

    /** Sends an IQ and waits for its result; an error answer throws. */
    String iq(String type, String to, String child) {
        String id = "b" + IDS.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.put(id, answer);
        send("<iq xmlns='jabber:client' type='" + type + "' id='" + id + "'" + (to == null ? "" : " to='" + to + "'") + ">"
                + child + "</iq>");
        String result = await(answer);
        if (!"result".equals(attribute(TYPE, result))) {
            throw new IllegalStateException("iq " + id + " failed: " + result);
        }
        return result;
    }

    /** Sends an IQ without waiting; the future completes with the answer. */
    CompletableFuture<String> iqAsync(String type, String to, String child) {
        String id = "b" + IDS.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.put(id, answer);
        send("<iq xmlns='jabber:client' type='" + type + "' id='" + id + "' to='" + to + "'>" + child + "</iq>");
        return answer;
    }

    /** Takes every message the client handles, on the thread that reads its connection. */
    void onMessage(Consumer<String> consumer) {
        this.messages = consumer;
    }

    /**
     * Sends a stanza. Under stream management it is kept until acknowledged, and written in the
     * order it is kept; while cut, it only waits.
     */
    void send(String stanza) {
        synchronized (books) {
            if (acks != null) {
                acks.sent(stanza);
                if (attached) {
                    try {
                        link.send(stanza);
                    } catch (UncheckedIOException dropped) {
                        // the connection failed: the stanza is sent again when the session resumes
                    }
                }
                return;
            }
        }
        link.send(stanza);
    }

    /** Sends the frame (unless null: it was sent) and waits for the count-th nonza after it. */
    private String expectNonzas(String frame, int count) {
        String last = null;
        if (frame != null) {
            link.send(frame);
        }
        for (int i = 0; i < count; i++) {
            try {
                last = nonzas.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (last == null) {
                throw new IllegalStateException("no answer to " + frame + " within " + TIMEOUT_SECONDS + " s");
            }
        }
        return last;
    }

    private static String await(CompletableFuture<String> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Whether an IQ answer is a result, not an error. */
    static boolean isResult(String answer) {
        return "result".equals(attribute(TYPE, answer));
    }

    static String attribute(Pattern pattern, String frame) {
        int end = frame.indexOf('>');
        Matcher matcher = pattern.matcher(end < 0 ? frame : frame.substring(0, end));
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The top-level element's qualified name: {@code message}, {@code r}, {@code stream:features}. */
    static String name(String frame) {
        int start = frame.indexOf('<') + 1;
        int end = start;
        while (end < frame.length() && " \t\r\n/>".indexOf(frame.charAt(end)) < 0) {
            end++;
        }
        return frame.substring(start, end);
    }

    private void received(int from, String frame) {
        String name = name(frame);
        String reply = null; // a stanza: counted and kept under stream management
        String ack = null;
        synchronized (books) {
            if (from != generation) {
                return; // from a connection that was cut: the server sends it again on resumption
            }
            switch (name) {
                case "iq", "message", "presence" -> {
                    if (acks != null) {
                        acks.handledOne();
                    }
                    reply = handle(name, frame);
                }
                case "r" -> ack = acks == null || !frame.contains(Acknowledgements.NS) ? null
                        : "<a xmlns='" + Acknowledgements.NS + "' h='" + acks.handled() + "'/>";
                case "a" -> {
                    String h = attribute(H, frame);
                    if (acks != null && h != null && !acks.acknowledge(Long.parseLong(h))) {
                        System.err.println("bench: the server acknowledges more than was sent: " + frame);
                    }
                }
                case "enabled" -> {
                    if (acks != null) {
                        acks.enabled(attribute(ID, frame));
                    }
                    nonzas.add(frame);
                }
                case "resumed" -> {
                    resumedAt = System.nanoTime();
                    nonzas.add(frame);
                }
                default -> {
                    if (name.equals("stream:error")) {
                        System.err.println("bench: stream error: " + frame);
                    }
                    nonzas.add(frame);
                }
            }
        }
        if (reply != null) {
            send(reply);
        } else if (ack != null) {
            try {
                link.send(ack);
            } catch (UncheckedIOException cut) {
                // cut meanwhile: the h goes with <resume/> instead
            }
        }
    }

    /** A stanza from the server; returns the stanza to answer with, if any. */
    private String handle(String name, String frame) {
        if (name.equals("iq")) {
            CompletableFuture<String> answer = pending.remove(String.valueOf(attribute(ID, frame)));
            if (answer != null) {
                answer.complete(frame);
            } else if ("get".equals(attribute(TYPE, frame))) {
                // a server ping: answer it, as a desktop does
                return "<iq xmlns='jabber:client' type='result' id='" + attribute(ID, frame) + "'/>";
            }
        } else if (name.equals("message")) {
            messages.accept(frame);
        }
        return null;
    }

    @Override
    public void close() {
        link.close();
    }
}
