package io.switchboard.api.stream;

import org.dom4j.Element;
import org.osgi.annotation.versioning.ProviderType;
import org.xmpp.packet.StreamError;

/**
 * One client stream inside the pipeline. The transport calls these methods in the order the bytes
 * arrived, never concurrently for the same stream.
 */
@ProviderType
public interface XmppStream {

    /** The client opened (or, after SASL, restarted) the stream. */
    void opened(String to, String version, String lang);

    /** One complete top-level element from the client. */
    void received(Element element);

    /** The client closed the stream cleanly. */
    void closed();

    /**
     * The transport found a protocol violation (not well-formed XML, restricted XML, bad framing);
     * the pipeline answers with this stream error and closes.
     */
    void failed(StreamError.Condition condition, String text);

    /** The connection is gone; nothing more can be written. */
    void disconnected();
}
