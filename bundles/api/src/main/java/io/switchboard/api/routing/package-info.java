/** Routing stanzas between sessions, the server's own handlers and components. */
@Export
@Version("1.4.0")
package io.switchboard.api.routing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
