package io.switchboard.bind.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.stream.Negotiation;

/** An authenticated stream as the post-auth features see it; bind and close go to a shared log. */
final class RecordingNegotiation implements Negotiation {

    private final String username;
    private final String domain;
    private final List<String> log;
    private final Map<String, Object> attributes = new HashMap<>();
    final List<Element> sent = new ArrayList<>();
    JID bound;

    RecordingNegotiation(String username, String domain, List<String> log) {
        this.username = username;
        this.domain = domain;
        this.log = log;
    }

    Element takeSent() {
        if (sent.size() != 1) {
            throw new AssertionError("expected exactly one element sent, got " + sent);
        }
        return sent.remove(0);
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
        return true;
    }

    @Override
    public String transport() {
        return "test";
    }

    @Override
    public String remoteAddress() {
        return "192.0.2.1";
    }

    @Override
    public String username() {
        return username;
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
    public void authenticated(String user) {
        throw new AssertionError("binding never authenticates");
    }

    @Override
    public void bind(JID fullJid) {
        log.add("bind " + fullJid);
        bound = fullJid;
    }

    @Override
    public void fail(StreamError.Condition condition, String text) {
        log.add("fail " + condition.toXMPP());
    }
}
