package io.switchboard.sasl.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard SASL PLAIN",
        description = "PLAIN sends the password itself, so it is offered only where no one can read it on the way.")
public @interface SaslConfiguration {

    @AttributeDefinition(name = "PLAIN without TLS",
            description = "Offer PLAIN on unencrypted connections from other hosts too. Loopback connections always may use it.")
    boolean plainWithoutTls() default false;
}
