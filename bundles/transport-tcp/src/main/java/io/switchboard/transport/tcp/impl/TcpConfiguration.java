package io.switchboard.transport.tcp.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard TCP transport",
        description = "XMPP client connections over TCP (RFC 6120): STARTTLS on one port, direct TLS (XEP-0368) on another.")
public @interface TcpConfiguration {

    @AttributeDefinition(name = "Host", description = "Address both listeners bind to; 0.0.0.0 for every interface.")
    String host() default "0.0.0.0";

    @AttributeDefinition(name = "STARTTLS port", description = "Port where clients connect in plain text and upgrade with STARTTLS; 0 picks a free port, -1 turns it off.")
    int port() default 5222;

    @AttributeDefinition(name = "Direct TLS port", description = "Port where the connection is TLS from the first byte (XEP-0368); 0 picks a free port, -1 turns it off.")
    int directTlsPort() default 5223;

    @AttributeDefinition(name = "Require STARTTLS", description = "On the STARTTLS port, nothing but STARTTLS is offered or accepted before TLS.")
    boolean requireStartTls() default true;

    @AttributeDefinition(name = "Maximum stanza size", description = "Largest stanza accepted, in bytes; a larger one ends the stream with policy-violation.")
    int maxStanzaSize() default 1048576;

    @AttributeDefinition(name = "Maximum nesting", description = "Deepest nesting of elements in a stanza; deeper ends the stream with policy-violation.")
    int maxElementDepth() default 48;

    @AttributeDefinition(name = "Maximum attributes", description = "Most attributes on one element; more ends the stream with policy-violation.")
    int maxAttributes() default 64;

    @AttributeDefinition(name = "Idle timeout", description = "Seconds without a byte from the client (whitespace keepalives count) before the stream ends with connection-timeout.")
    int idleTimeoutSeconds() default 360;
}
