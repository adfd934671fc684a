package io.switchboard.sasl.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard login limits",
        description = "Failed logins in a row after which an account is locked for a while, whatever connection they come from.")
public @interface SaslLimits {

    @AttributeDefinition(name = "Failures", description = "Failed logins in a row that lock the account.")
    int maxFailures() default 5;

    @AttributeDefinition(name = "Lockout", description = "Seconds the account stays locked; its sessions already logged in are not touched.")
    int lockoutSeconds() default 300;
}
