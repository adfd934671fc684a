package io.switchboard.transport.bosh.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard BOSH transport",
        description = "XMPP over BOSH (XEP-0124, XEP-0206), on the server's HTTP listeners (io.switchboard.http).")
public @interface BoshConfiguration {

    String PID = "io.switchboard.transport.bosh";

    @AttributeDefinition(name = "Path", description = "Path where the BOSH connection manager answers.")
    String path() default "/http-bind/";

    @AttributeDefinition(name = "Longest wait",
            description = "Most seconds a request is held open waiting for something to send; a client asking more gets this.")
    int maxWaitSeconds() default 60;

    @AttributeDefinition(name = "Most held requests",
            description = "Most requests held open at once per session; a client asking more gets this.")
    int maxHold() default 1;

    @AttributeDefinition(name = "Inactivity",
            description = "Seconds a session may go without any request held before it ends.")
    int inactivitySeconds() default 60;

    @AttributeDefinition(name = "Polling", description = "Shortest interval, in seconds, the client is told to keep between polls (hold 0).")
    int pollingSeconds() default 2;

    @AttributeDefinition(name = "Requests",
            description = "Most requests a client may have open at once (at least hold + 1); also how many responses are kept for a repeated rid.")
    int requests() default 2;

    @AttributeDefinition(name = "Maximum body size",
            description = "Largest request body accepted, in bytes; a larger one ends the session with policy-violation.")
    int maxBodySize() default 1048576;

    @AttributeDefinition(name = "Maximum nesting", description = "Deepest nesting of elements in a stanza (the body wrapper not counted); deeper ends the stream with policy-violation.")
    int maxElementDepth() default 48;

    @AttributeDefinition(name = "Maximum attributes", description = "Most attributes on one element; more ends the stream with policy-violation.")
    int maxAttributes() default 64;
}
