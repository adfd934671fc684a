package io.switchboard.pubsub.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Switchboard publish-subscribe",
        description = "The default configuration of new nodes: those event sources publish to (created on first use) and "
                + "those clients create without a configuration; also what pubsub#default answers.")
public @interface PubSubConfiguration {

    @AttributeDefinition(name = "Items kept", description = "pubsub#max_items: the newest items a node keeps.")
    int defaultMaxItems() default 10;

    @AttributeDefinition(name = "Send the last item", description = "pubsub#send_last_published_item: never, on_sub or on_sub_and_presence.")
    String defaultSendLastPublishedItem() default "never";

    @AttributeDefinition(name = "Access model", description = "pubsub#access_model: open, presence, roster, authorize or whitelist "
            + "(Finesse nodes are governed by the access policy first).")
    String defaultAccessModel() default "open";

    @AttributeDefinition(name = "Persist items", description = "pubsub#persist_items: keep published items (in the store).")
    boolean defaultPersistItems() default true;

    @AttributeDefinition(name = "Deliver payloads", description = "pubsub#deliver_payloads: notifications carry the item.")
    boolean defaultDeliverPayloads() default true;

    @AttributeDefinition(name = "Notify retractions", description = "pubsub#notify_retract: subscribers hear of retracted items.")
    boolean defaultNotifyRetract() default true;
}
