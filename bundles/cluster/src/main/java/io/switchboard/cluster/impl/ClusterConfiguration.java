package io.switchboard.cluster.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard cluster",
        description = "Makes this server a member of a cluster of Switchboard servers (Hazelcast, members found by TCP/IP, no"
                + " multicast). Without this configuration the server is a single node. Removing it leaves the cluster"
                + " without a restart. Every member needs the same publish-subscribe store, on PostgreSQL.")
public @interface ClusterConfiguration {

    String PID = "io.switchboard.cluster";

    @AttributeDefinition(name = "Cluster name", description = "Only members with the same name form a cluster.")
    String name() default "switchboard";

    @AttributeDefinition(name = "Member name",
            description = "This member's name in switchboard:cluster, switchboard:sessions and /health; unique in the cluster."
                    + " Empty: its address and port.")
    String memberName() default "";

    @AttributeDefinition(name = "Address",
            description = "The address this member listens on for the other members and tells them to use (an IP address"
                    + " of this machine; 127.0.0.1 for members on one machine).")
    String address() default "127.0.0.1";

    @AttributeDefinition(name = "Port", description = "The TCP port this member listens on for the other members.")
    int port() default 5701;

    @AttributeDefinition(name = "Members",
            description = "Where to find the other members, each 'address:port' (this member may be in the list too);"
                    + " one that answers is enough to join.")
    String[] members() default {};

    @AttributeDefinition(name = "Host name",
            description = "The host name desktops reach this member by, as Finesse's SystemInfo names the nodes."
                    + " Empty: the address.")
    String host() default "";

    @AttributeDefinition(name = "Failure detection (seconds)",
            description = "How long a member may stay silent before the others count it gone and take over what it ran.")
    int failureSeconds() default 5;
}
