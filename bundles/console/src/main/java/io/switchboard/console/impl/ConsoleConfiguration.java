package io.switchboard.console.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard web console",
        description = "Who may use the Felix Web Console at /system/console: administrators, who sign in with their password from the users store.")
public @interface ConsoleConfiguration {

    String PID = "io.switchboard.console";

    @AttributeDefinition(name = "Administrators",
            description = "User names (of the authentication provider's store, e.g. the users file) allowed into the console; none lets no one in.")
    String[] admins() default {};
}
