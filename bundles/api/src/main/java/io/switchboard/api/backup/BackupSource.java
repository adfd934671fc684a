package io.switchboard.api.backup;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part of the server whose data an operator backs up (a store's database, the users file),
 * registered as a service. Copies are made while the server runs: each must be consistent on its
 * own (a database's copy one committed state), not across sources.
 */
@ConsumerType
public interface BackupSource {

    /**
     * Copies this source's data into the folder, which exists and can be written, under file names
     * of its own (its PID or its store's name), and says in one line what it wrote, or why it wrote
     * nothing (a database the operator backs up with its own tools, such as PostgreSQL's pg_dump).
     *
     * @throws IOException when the copy failed; a partial file may be left behind
     */
    String backupTo(Path folder) throws IOException;
}
