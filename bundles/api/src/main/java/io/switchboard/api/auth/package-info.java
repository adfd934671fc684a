/** Authentication providers, chosen by service ranking. */
@Export
@Version("2.0.0")
package io.switchboard.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
