package io.switchboard.finesse.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard Finesse automatic subscriptions",
        description = "Finesse subscribes every agent to its own nodes, with no request from the desktop: when a user's"
                + " first resource becomes available, its bare JID is subscribed to these nodes (created if missing).")
public @interface AutoSubscriptionsConfiguration {

    @AttributeDefinition(name = "Nodes",
            description = "Node names; {id} stands for the user's id (the local part of its JID). The Media node's last"
                    + " segment is the media routing domain's id.")
    String[] nodes() default {"/finesse/api/User/{id}", "/finesse/api/User/{id}/Dialogs", "/finesse/api/User/{id}/Media/1",
            "/finesse/api/SystemInfo"};
}
