/** Mounting handlers on Switchboard's HTTP server. */
@Export
@Version("1.1.0")
package io.switchboard.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
