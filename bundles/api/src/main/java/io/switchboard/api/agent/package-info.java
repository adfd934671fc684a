/** Agents' states as an event source keeps them, read and changed through the Finesse REST API. */
@Export
@Version("1.0.0")
package io.switchboard.api.agent;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
