package io.switchboard.component.external.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard external components",
        description = "The listener where external components connect (XEP-0114). Each component has its own configuration (io.switchboard.component.external.account).")
public @interface ExternalComponentsConfiguration {

    @AttributeDefinition(name = "Host", description = "Address the listener binds to; loopback by default, as components usually run next to the server.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "0 picks a free port, -1 turns the listener off.")
    int port() default 5275;

    @AttributeDefinition(name = "TLS", description = "TLS from the first byte, with the server's certificate.")
    boolean tls() default false;

    @AttributeDefinition(name = "Maximum stanza size", description = "Largest stanza accepted, in bytes; a larger one ends the stream with policy-violation.")
    int maxStanzaSize() default 1048576;

    @AttributeDefinition(name = "Maximum nesting", description = "Deepest nesting of elements in a stanza.")
    int maxElementDepth() default 48;

    @AttributeDefinition(name = "Maximum attributes", description = "Most attributes on one element.")
    int maxAttributes() default 64;

    @AttributeDefinition(name = "Idle timeout", description = "Seconds without a byte from the component (whitespace keepalives count) before connection-timeout; 0 for never.")
    int idleTimeoutSeconds() default 0;
}
