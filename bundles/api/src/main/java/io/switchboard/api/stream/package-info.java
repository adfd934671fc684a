/** The stream pipeline shared by every transport, and the stream features negotiated on it. */
@Export
@Version("1.3.0")
package io.switchboard.api.stream;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
