/**
 * A cluster of Switchboard servers: the services the cluster bundle registers while this server is
 * a member, and nothing while it is not (a single node). Free of the cluster's engine.
 */
@Export
@Version("1.0.0")
package io.switchboard.api.cluster;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
