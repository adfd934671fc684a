package io.switchboard.bench;

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
 */
final class XmppClient implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\\sid=['\"]([^'\"]+)['\"]");
    private static final Pattern TYPE = Pattern.compile("\\stype=['\"]([^'\"]+)['\"]");
    private static final long TIMEOUT_SECONDS = 30;
    private static final AtomicLong IDS = new AtomicLong();

    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<String> nonzas = new LinkedBlockingQueue<>();
    private volatile Consumer<String> messages = message -> { };
    private volatile Link link;

    /** Where frames go: a WebSocket, or a TCP connection carrying one XML stream. */
    interface Link {
        void send(String frame);

        /** The stream's opening (sent again after SASL). */
        String open(String domain);

        /** Ends the stream and the connection. */
        void close();
    }

    /** @param reactor reads the session's frames when the URL is a WebSocket's */
    static XmppClient connect(WebSocketLink.Reactor reactor, URI url) {
        XmppClient client = new XmppClient();
        client.link = "tcp".equals(url.getScheme())
                ? TcpLink.connect(url.getHost(), url.getPort(), client::received)
                : WebSocketLink.connect(url, reactor, client::received);
        return client;
    }

    /** The desktop's login: open, SASL PLAIN, restart, bind, initial presence with caps. */
    String login(String domain, String user, String password, String resource) {
        expectNonzas(link.open(domain), 2); // <open/>, <stream:features/>
        String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        String answer = expectNonzas("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>", 1);
        if (!answer.startsWith("<success")) {
            throw new IllegalStateException(user + ": " + answer);
        }
        expectNonzas(link.open(domain), 2);
        String bound = iq("set", null, "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource + "</resource></bind>");
        send("<presence xmlns='jabber:client'><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' "
                + "node='http://www.igniterealtime.org/projects/smack' ver='os2Kfa7QeAE+fHfhrPl4ZG8GnT0='/></presence>");
        int start = bound.indexOf("<jid>");
        return bound.substring(start + 5, bound.indexOf("</jid>"));
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

    void onMessage(Consumer<String> consumer) {
        this.messages = consumer;
    }

    void send(String frame) {
        link.send(frame);
    }

    private String expectNonzas(String frame, int count) {
        String last = null;
        send(frame);
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

    private void received(String frame) {
        if (frame.startsWith("<iq")) {
            CompletableFuture<String> answer = pending.remove(String.valueOf(attribute(ID, frame)));
            if (answer != null) {
                answer.complete(frame);
            } else if ("get".equals(attribute(TYPE, frame))) {
                // a server ping: answer it, as a desktop does
                send("<iq xmlns='jabber:client' type='result' id='" + attribute(ID, frame) + "'/>");
            }
        } else if (frame.startsWith("<message")) {
            messages.accept(frame);
        } else if (!frame.startsWith("<presence")) {
            nonzas.add(frame);
        }
    }

    @Override
    public void close() {
        link.close();
    }
}
