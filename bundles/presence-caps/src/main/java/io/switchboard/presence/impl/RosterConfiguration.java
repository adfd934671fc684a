package io.switchboard.presence.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard rosters",
        description = "RFC 6121 rosters: limits on what a user may keep.")
public @interface RosterConfiguration {

    @AttributeDefinition(name = "Maximum items", description = "Contacts a roster may hold; adding one more is refused with policy-violation.")
    int maxItems() default 1000;

    @AttributeDefinition(name = "Maximum text length", description = "Characters in a contact's name or a group's name; longer is refused with not-acceptable.")
    int maxTextLength() default 1024;
}
