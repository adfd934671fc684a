/** What event sources know of the contact centre's people, for the rest of the server to ask. */
@Export
@Version("1.0.0")
package io.switchboard.api.directory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
