/** Presence as other bundles see it: who came online, who went away and why. */
@Export
@Version("1.1.0")
package io.switchboard.api.presence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
