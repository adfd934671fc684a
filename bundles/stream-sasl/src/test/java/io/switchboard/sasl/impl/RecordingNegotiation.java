package io.switchboard.sasl.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.StreamError;

import io.switchboard.api.stream.Negotiation;

/** A stream as the SASL feature sees it, recording what the feature does to it. */
final class RecordingNegotiation implements Negotiation {

    final String domain;
    final Map<String, Object> attributes = new HashMap<>();
    final List<Element> sent = new ArrayList<>();
    String authenticatedAs;
    JID bound;
    StreamError.Condition failedWith;
    String failureText;
    int failCalls;

    RecordingNegotiation(String domain) {
        this.domain = domain;
    }

    /** The one element sent since the last call; fails if there was not exactly one. */
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
        authenticatedAs = username;
    }

    @Override
    public void bind(JID fullJid) {
        bound = fullJid;
    }

    @Override
    public void fail(StreamError.Condition condition, String text) {
        failCalls++;
        failedWith = condition;
        failureText = text;
    }
}
