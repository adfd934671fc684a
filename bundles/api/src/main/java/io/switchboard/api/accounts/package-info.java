/**
 * Accounts that can be written: created, deleted, given a new password, disabled. Apart from
 * {@code io.switchboard.api.auth}, so that read-only providers (a directory, a token service) do
 * not see it, and a change here does not reach them.
 */
@Export
@Version("1.0.0")
package io.switchboard.api.accounts;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
