package io.switchboard.accounts.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard in-band registration",
        description = "XEP-0077: clients creating their own accounts before they log in (off unless turned on), "
                + "changing their own password and removing their own account once logged in. Accounts are "
                + "written to the active authentication provider.")
public @interface RegistrationConfiguration {

    @AttributeDefinition(name = "Registration", description = "Whether anyone who can reach the server may create "
            + "an account before logging in; offered in the stream features only when on.")
    boolean registration() default false;

    @AttributeDefinition(name = "Registrations per address and hour", description = "Most account creations tried "
            + "from one IP address in an hour; more are refused with resource-constraint (at least 1).")
    int registrationsPerHour() default 5;

    @AttributeDefinition(name = "Password change", description = "Whether a logged-in user may change their own "
            + "password (XEP-0077 3.3).")
    boolean passwordChange() default true;

    @AttributeDefinition(name = "Account removal", description = "Whether a logged-in user may remove their own "
            + "account (XEP-0077 3.2); its sessions end.")
    boolean accountRemoval() default false;
}
