package io.switchboard.core.impl;

import java.util.ArrayList;
import java.util.List;

import org.dom4j.Element;

import io.switchboard.api.stream.StreamTransport;

/** A transport that writes nothing anywhere: it records, in order, what the pipeline asked it to write. */
final class RecordingTransport implements StreamTransport {

    /** One {@link #openStream} call. */
    record Header(String from, String streamId, String version, String lang) {
    }

    /** Stands for a {@link #closeStream} call in {@link #written}. */
    static final String CLOSE = "<close/>";

    /** Every write in order: a {@link Header}, a copy of an {@link Element}, or {@link #CLOSE}. */
    final List<Object> written = new ArrayList<>();
    /** What the pipeline asked of the connection beyond writing. */
    final List<String> requests = new ArrayList<>();
    boolean secure;
    /** A plain TCP connection: STARTTLS possible, and maybe required. */
    boolean startTlsPossible;
    boolean startTlsRequired;

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String remoteAddress() {
        return "192.0.2.7:50000";
    }

    @Override
    public boolean canStartTls() {
        return startTlsPossible && !secure;
    }

    @Override
    public boolean requiresStartTls() {
        return startTlsRequired;
    }

    @Override
    public void startTls() {
        requests.add("startTls");
        secure = true;
    }

    @Override
    public void restartStream() {
        requests.add("restartStream");
    }

    @Override
    public void pauseReading(java.time.Duration pause) {
        requests.add("pauseReading");
    }

    @Override
    public void openStream(String from, String streamId, String version, String lang) {
        written.add(new Header(from, streamId, version, lang));
    }

    @Override
    public void send(Element element) {
        written.add(element.createCopy()); // a snapshot: the sender may go on changing its element
    }

    @Override
    public void closeStream() {
        written.add(CLOSE);
    }

    List<Header> headers() {
        return written.stream().filter(Header.class::isInstance).map(Header.class::cast).toList();
    }

    List<Element> elements() {
        return written.stream().filter(Element.class::isInstance).map(Element.class::cast).toList();
    }

    Element lastElement() {
        List<Element> elements = elements();
        if (elements.isEmpty()) {
            throw new AssertionError("nothing was sent; written: " + written);
        }
        return elements.get(elements.size() - 1);
    }

    boolean isClosed() {
        return written.contains(CLOSE);
    }

    /** The defined condition of the stream error written just before the close; fails unless the stream ended so. */
    String endingStreamError() {
        int size = written.size();
        if (size < 2 || !CLOSE.equals(written.get(size - 1)) || !(written.get(size - 2) instanceof Element error)) {
            throw new AssertionError("not ended by a stream error and the close; written: " + written);
        }
        return Xml.streamErrorCondition(error);
    }

    void clear() {
        written.clear();
    }
}
