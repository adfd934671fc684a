/** Who may subscribe to and create publish-subscribe nodes: access policies that providers implement (the Finesse model is one). */
@Export
@Version("1.0.0")
package io.switchboard.api.pubsub.access;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
