package io.switchboard.api.cluster;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The cluster this server is a member of, registered while it is one. Its service property
 * {@link #OLDEST} says whether this member is the oldest, the one that runs what must run once per
 * cluster (the simulator, an ACD connector); it changes, with a service modification event, when the
 * oldest member leaves.
 */
@ProviderType
public interface Cluster {

    /** Service property: {@code true} while this member is the oldest. */
    String OLDEST = "cluster.oldest";

    /** A member: its name (configured, unique), its cluster address, and the host name clients reach it by. */
    record Member(String name, String address, String host) {
    }

    /** This member. */
    Member local();

    /** Every member now, this one included, the oldest first. */
    List<Member> members();
}
