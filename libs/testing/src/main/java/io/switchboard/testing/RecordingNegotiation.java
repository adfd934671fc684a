package io.switchboard.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.session.ClientSession;
import io.switchboard.api.stream.Negotiation;
import io.switchboard.api.stream.StreamManagement;

/**
 * A stream as a stream feature sees it while it negotiates. It records the elements sent to the
 * client, the attributes set, who the stream was authenticated as, the full JID it was bound to
 * and how it failed. The authenticate, bind and fail calls also go, in order, to {@link #log}
 * ({@code "authenticated alice"}, {@code "bind alice@example.com/desktop"}, {@code "fail conflict"}),
 * which a test may share with other doubles to see the order of what happened across them.
 */
public final class RecordingNegotiation implements Negotiation {

    /** Every element sent to the client and not yet taken, oldest first. */
    public final List<Element> sent = new ArrayList<>();
    /** The stream's attributes, as the features set them. */
    public final Map<String, Object> attributes = new HashMap<>();
    /** The authenticate, bind and fail calls, in order. */
    public final List<String> log;
    /** The user the stream is authenticated as, or {@code null} before that. */
    public String authenticatedAs;
    /** The full JID the stream was bound to, or {@code null}. */
    public JID bound;
    /** The condition of the last {@code fail} call, or {@code null}. */
    public StreamError.Condition failedWith;
    /** The text of the last {@code fail} call. */
    public String failureText;
    /** How many times the stream was failed. */
    public int failCalls;
    /** What {@link #isSecure()} answers: TLS unless a test says otherwise. */
    public boolean secure = true;
    /** What {@link #isLoopback()} answers. */
    public boolean loopback;
    /** The peer's address; tests of per-address limits change it. */
    public String remoteHost = "192.0.2.1";
    private final String domain;

    /** A stream to this domain that is not yet authenticated, with a log of its own. */
    public RecordingNegotiation(String domain) {
        this(null, domain, new ArrayList<>());
    }

    /**
     * A stream to this domain already authenticated as {@code username} (unless it is {@code null}),
     * as the features after authentication see it; its calls are logged to {@code log}.
     */
    public RecordingNegotiation(String username, String domain, List<String> log) {
        this.authenticatedAs = username;
        this.domain = domain;
        this.log = log;
    }

    /** The one element sent since the last call; fails if there was not exactly one. */
    public Element takeSent() {
        return Recorded.takeOnly(sent, "element sent");
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public String streamId() {
        return "stream-1";
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public boolean isLoopback() {
        return loopback;
    }

    @Override
    public String transport() {
        return "test";
    }

    @Override
    public String remoteAddress() {
        return remoteHost;
    }

    @Override
    public String remoteHost() {
        return remoteHost;
    }

    @Override
    public String username() {
        return authenticatedAs;
    }

    @Override
    public Object attribute(String key) {
        return attributes.get(key);
    }

    @Override
    public void attribute(String key, Object value) {
        attributes.put(key, value);
    }

    @Override
    public void send(Element element) {
        sent.add(element);
    }

    @Override
    public void authenticated(String username) {
        log.add("authenticated " + username);
        authenticatedAs = username;
    }

    @Override
    public void bind(JID fullJid) {
        log.add("bind " + fullJid);
        bound = fullJid;
    }

    @Override
    public void fail(StreamError.Condition condition, String text) {
        log.add("fail " + condition.toXMPP());
        failCalls++;
        failedWith = condition;
        failureText = text;
    }

    /** The session {@link #session()} answers; tests set it. */
    public ClientSession session;
    /** What the stream was handed by {@link #manage}. */
    public StreamManagement managedBy;
    /** What {@link #resume} answers; tests set it. */
    public boolean resumable;
    /** The session {@link #resume} was asked for. */
    public ClientSession resumed;

    @Override
    public ClientSession session() {
        return session;
    }

    @Override
    public void manage(StreamManagement management, Element answer) {
        sent.add(answer);
        managedBy = management;
    }

    @Override
    public boolean resume(ClientSession detached, Runnable whileAttaching) {
        resumed = detached;
        if (resumable) {
            whileAttaching.run();
        }
        return resumable;
    }
}
