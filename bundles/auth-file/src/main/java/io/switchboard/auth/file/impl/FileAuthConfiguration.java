package io.switchboard.auth.file.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.credentials.SaltedCredential;

@ObjectClassDefinition(
        name = "Switchboard file authentication",
        description = "Users and their salted credentials in a file. Edits to the file apply to the next login.")
public @interface FileAuthConfiguration {

    @AttributeDefinition(name = "Users file", description = "Path of the users file, relative to the server's folder.")
    String file() default "config/users.properties";

    @AttributeDefinition(name = "Iterations", description = "PBKDF2 iterations for new or changed passwords (4096 at least). "
            + "Set io.switchboard.sasl.scram unknownUserIterations to the same, so that names without an account look alike.")
    int iterations() default SaltedCredential.DEFAULT_ITERATIONS;

    @AttributeDefinition(name = "Ranking", description = "Among several authentication providers, the highest ranking is used.")
    int service_ranking() default 0;
}
