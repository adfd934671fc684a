package io.switchboard.http.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard HTTP",
        description = "The HTTP listeners everything served over HTTP shares (XMPP over WebSocket, ...): TLS for clients, plain on loopback for development.")
public @interface HttpConfiguration {

    String PID = "io.switchboard.http";

    @AttributeDefinition(name = "TLS host", description = "Address the TLS listener binds to; 0.0.0.0 for every interface.")
    String secureHost() default "0.0.0.0";

    @AttributeDefinition(name = "TLS port", description = "Port of the https:// and wss:// listener; 0 picks a free port, -1 turns it off.")
    int securePort() default 8445;

    @AttributeDefinition(name = "More TLS ports", description = "More TLS listeners on the TLS host, serving the same: "
            + "7443 is where Finesse desktops find BOSH. -1 for none.")
    int[] additionalSecurePorts() default {7443};

    @AttributeDefinition(name = "Plain host", description = "Address of the plain http:// and ws:// listener. Must be a loopback address.")
    String plainHost() default "127.0.0.1";

    @AttributeDefinition(name = "Plain port", description = "Port of the plain listener; 0 picks a free port, -1 turns it off.")
    int plainPort() default 7071;

    @AttributeDefinition(name = "Threads", description = "Request threads at most; 0: 16 per processor, at least 32. "
            + "Each thread a burst of logins starts stays a while, with its stack: more than the server needs is memory "
            + "held for nothing.")
    int maxThreads() default 0;
}
