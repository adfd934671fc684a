/** The store rosters are kept in: implemented by store providers (JDBC), apart from what roster users import. */
@Export
@Version("1.0.0")
package io.switchboard.api.roster.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
