/**
 * Threads for a component's own executors. A class rather than a service interface, here because
 * every bundle imports this API already (a plain jar copied in with bnd -conditionalpackage would
 * need each bundle's build changed) and because it keeps no state beyond each instance's count.
 */
@Export
@Version("1.0.0")
package io.switchboard.api.threads;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
