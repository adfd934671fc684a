package io.switchboard.sasl.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard SCRAM",
        description = "SCRAM-SHA-256 and SCRAM-SHA-1 answer a name that has no account as they answer a real user, so "
                + "that trying names does not tell who has an account.")
public @interface ScramConfiguration {

    String PID = "io.switchboard.sasl.scram";

    @AttributeDefinition(name = "Iterations for names without an account",
            description = "The iteration count SCRAM offers a name that has no account, beside a salt that stays the same "
                    + "for that name. Keep it equal to the iterations of the authentication provider in use "
                    + "(io.switchboard.auth.file, io.switchboard.auth.jdbc): a made-up name then looks like a real one.")
    int unknownUserIterations() default UnknownUserSalts.DEFAULT_ITERATIONS;
}
