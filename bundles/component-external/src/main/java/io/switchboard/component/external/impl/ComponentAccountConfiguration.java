package io.switchboard.component.external.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard external component",
        description = "One external component allowed to connect: config/io.switchboard.component.external.account-<name>.cfg")
public @interface ComponentAccountConfiguration {

    @AttributeDefinition(name = "Subdomain", description = "The component is mounted at <subdomain>.<domain>, e.g. acd for acd.example.com.")
    String subdomain();

    @AttributeDefinition(name = "Secret", type = AttributeType.PASSWORD,
            description = "Shared secret of the handshake; at least 16 characters. Never logged.")
    String secret();

    @AttributeDefinition(name = "Publish to",
            description = "Node name prefixes the component may publish to on the pubsub service, comma-separated, e.g. /finesse/api/User/, /finesse/api/Team/; * for every node; empty for none.")
    String[] publishNodes() default {};
}
