package io.switchboard.finesse.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard Finesse presence",
        description = "A Finesse desktop reports itself connected only after an available presence from finesse@<domain>.")
public @interface FinesseGateConfiguration {

    @AttributeDefinition(name = "Presence from", description = "Local part of the JID the presence comes from.")
    String from() default "finesse";
}
