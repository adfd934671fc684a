/**
 * Online backups: each part that keeps data registers a {@link io.switchboard.api.backup.BackupSource},
 * and the {@code switchboard:backup DIR} command asks every one of them to copy its data into DIR.
 */
@Export
@Version("1.0.0")
package io.switchboard.api.backup;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
