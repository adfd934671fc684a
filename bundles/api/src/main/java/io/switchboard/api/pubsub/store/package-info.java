/** The store a publish-subscribe service keeps its nodes, subscriptions and items in: implemented by store providers (JDBC), apart from what event sources import. */
@Export
@Version("1.1.0")
package io.switchboard.api.pubsub.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
