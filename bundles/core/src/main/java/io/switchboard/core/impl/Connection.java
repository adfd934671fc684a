package io.switchboard.core.impl;

import org.dom4j.Element;
import org.xmpp.packet.StreamError;

import io.switchboard.api.stream.StreamTransport;
import io.switchboard.api.stream.XmppStream;

/**
 * One transport connection, as the transport sees the pipeline: it passes what arrives to the
 * stream it carries. That stream changes once when the connection resumes an earlier session
 * (XEP-0198); a stream ignores what comes from a connection it no longer has, such as the late
 * close of the connection a resumption replaced.
 */
final class Connection implements XmppStream {

    final StreamTransport transport;
    private volatile ClientStream stream;

    Connection(StreamTransport transport) {
        this.transport = transport;
    }

    void carry(ClientStream carried) {
        this.stream = carried;
    }

    ClientStream stream() {
        return stream;
    }

    @Override
    public void opened(String to, String version, String lang) {
        stream.opened(this, to, version, lang);
    }

    @Override
    public void received(Element element) {
        stream.received(this, element);
    }

    @Override
    public void closed() {
        stream.closed(this);
    }

    @Override
    public void failed(StreamError.Condition condition, String text) {
        stream.failed(this, condition, text);
    }

    @Override
    public void disconnected() {
        stream.disconnected(this);
    }
}
