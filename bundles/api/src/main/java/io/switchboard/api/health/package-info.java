/** Health checks: each part of the server says whether it works, and the server sums them up at /health. */
@Export
@Version("1.0.0")
package io.switchboard.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
