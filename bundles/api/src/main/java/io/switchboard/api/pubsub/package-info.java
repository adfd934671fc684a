/** Publishing events to publish-subscribe nodes. */
@Export
@Version("4.0.0")
package io.switchboard.api.pubsub;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
