package io.switchboard.auth.token.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard token authentication",
        description = "Logins with a signed, expiring token as the password, for single sign-on front ends.")
public @interface TokenAuthConfiguration {

    @AttributeDefinition(name = "Shared secret", type = AttributeType.PASSWORD,
            description = "The HMAC-SHA-256 key the token issuer signs with; at least 32 characters.")
    String secret();

    @AttributeDefinition(name = "Ranking", description = "Among several authentication providers, the highest ranking is used.")
    int service_ranking() default 10;
}
