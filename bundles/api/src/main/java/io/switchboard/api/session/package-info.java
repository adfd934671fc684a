/** Bound client sessions and their registry. */
@Export
@Version("1.2.0")
package io.switchboard.api.session;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
