/** SASL mechanisms as services: a bundle adds one by registering it. */
@Export
@Version("1.0.0")
package io.switchboard.api.sasl;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
