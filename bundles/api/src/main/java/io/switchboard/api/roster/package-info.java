/** Users' rosters (RFC 6121 section 2) as other bundles see them, e.g. for pubsub's presence and roster access models. */
@Export
@Version("2.0.0")
package io.switchboard.api.roster;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
