package io.switchboard.transport.websocket.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard WebSocket transport",
        description = "XMPP over WebSocket (RFC 7395), on the server's HTTP listeners (io.switchboard.http).")
public @interface WebSocketConfiguration {

    @AttributeDefinition(name = "Paths", description = "Paths where the XMPP WebSocket endpoint answers.")
    String[] paths() default {"/ws/", "/ws", "/xmpp-websocket"};

    @AttributeDefinition(name = "Maximum stanza size",
            description = "Largest message (one stanza) accepted, in characters; a larger one ends the stream with policy-violation.")
    int maxMessageSize() default 1048576;

    @AttributeDefinition(name = "Maximum nesting", description = "Deepest nesting of elements in a stanza; deeper ends the stream with policy-violation.")
    int maxElementDepth() default 48;

    @AttributeDefinition(name = "Maximum attributes", description = "Most attributes on one element; more ends the stream with policy-violation.")
    int maxAttributes() default 64;

    @AttributeDefinition(name = "Idle timeout", description = "Seconds without traffic after which a connection is closed.")
    int idleTimeoutSeconds() default 360;

    @AttributeDefinition(name = "Ping frames", description = "Seconds between WebSocket ping frames to each client (keeps proxies from closing quiet connections); 0 for none.")
    int pingIntervalSeconds() default 30;

    @AttributeDefinition(name = "Allowed origins",
            description = "Web pages (scheme://host[:port]) allowed to open connections from a browser; empty allows any. Clients that send no Origin are always allowed.")
    String[] allowedOrigins() default {};
}
