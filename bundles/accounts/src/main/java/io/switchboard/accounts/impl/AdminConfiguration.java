package io.switchboard.accounts.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard service administration",
        description = "XEP-0133 service administration through XEP-0050 ad-hoc commands at the server's domain: "
                + "add, delete, disable and re-enable users, change passwords, list registered and online users, "
                + "end sessions, send announcements. Accounts are written to the active authentication provider.")
public @interface AdminConfiguration {

    @AttributeDefinition(name = "Administrators", description = "Bare JIDs of the users allowed to run the commands, "
            + "e.g. admin@localhost; a name without @ is a user of the server's domain. Empty: nobody.")
    String[] admins() default {};
}
