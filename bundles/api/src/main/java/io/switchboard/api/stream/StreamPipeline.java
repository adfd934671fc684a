package io.switchboard.api.stream;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one stream pipeline every transport feeds. A transport only turns bytes into complete
 * elements and back; everything else (features, SASL, binding, routing, errors) happens here.
 */
@ProviderType
public interface StreamPipeline {

    /** Starts a new client stream over a freshly accepted connection. */
    XmppStream open(StreamTransport transport);
}
