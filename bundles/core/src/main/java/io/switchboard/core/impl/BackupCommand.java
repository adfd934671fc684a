package io.switchboard.core.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.api.backup.BackupSource;

/**
 * Gogo: {@code switchboard:backup DIR} asks every {@link BackupSource} (the stores' H2 databases,
 * the users file) to copy its data into DIR while the server runs. A relative DIR is taken from the
 * server's folder. A failure is an error (exit status 1 through bin/switchboard client), so that a
 * backup run from cron cannot fail unseen.
 */
@Component(service = BackupCommand.class, property = {"osgi.command.scope=switchboard", "osgi.command.function=backup"})
public class BackupCommand {

    private static final Logger LOG = LoggerFactory.getLogger(BackupCommand.class);

    private final List<BackupSource> sources = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(BackupSource source) {
        sources.add(source);
    }

    void removeSource(BackupSource source) {
        sources.remove(source);
    }

    /** backup DIR: one line per source, what it wrote or why it wrote nothing. */
    public String backup(String dir) throws IOException {
        Path folder = Path.of(dir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException("cannot back up to " + folder + ": the folder cannot be made (" + e + ")", e);
        }
        if (!Files.isWritable(folder)) {
            throw new IOException("cannot back up to " + folder + ": the server's user may not write there");
        }
        List<BackupSource> now = new ArrayList<>(sources);
        if (now.isEmpty()) {
            throw new IOException("nothing to back up: no store offers a backup (are the store bundles started?)");
        }
        now.sort(Comparator.comparing(source -> source.getClass().getName())); // the same order every time
        List<String> lines = new ArrayList<>();
        boolean failed = false;
        for (BackupSource source : now) {
            try {
                lines.add("  " + source.backupTo(folder));
            } catch (IOException | RuntimeException e) {
                failed = true;
                lines.add("  FAILED " + e.getMessage());
                LOG.error("Backup to {} failed", folder, e);
            }
        }
        String report = String.join("\n", lines);
        if (failed) {
            throw new IOException("the backup to " + folder + " is incomplete:\n" + report);
        }
        LOG.info("Backed up to {}", folder);
        return "Backed up to " + folder + ":\n" + report;
    }
}
