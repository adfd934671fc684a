package io.switchboard.core.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** switchboard:backup: every source asked, a folder made, and a clear error where none can be written. */
public class BackupCommandTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void everySourceWritesIntoTheFolderWhichIsMadeWhenMissing() throws Exception {
        BackupCommand command = new BackupCommand();
        command.addSource(dir -> {
            Files.writeString(dir.resolve("a.txt"), "a");
            return "wrote a.txt";
        });
        command.addSource(dir -> "skipped, use pg_dump");
        Path target = folder.getRoot().toPath().resolve("nightly/2026-12-07");

        String report = command.backup(target.toString());

        assertTrue(report, report.startsWith("Backed up to " + target + ":\n"));
        assertTrue(report, report.contains("  wrote a.txt") && report.contains("  skipped, use pg_dump"));
        assertEquals("a", Files.readString(target.resolve("a.txt")));
    }

    @Test
    public void aFolderTheServerMayNotWriteIsAnErrorNamingIt() throws Exception {
        Path locked = folder.newFolder("locked").toPath();
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        Assume.assumeTrue("running as root: every folder can be written", !Files.isWritable(locked));
        BackupCommand command = new BackupCommand();
        command.addSource(dir -> "never asked");

        IOException inside = assertThrows(IOException.class, () -> command.backup(locked.toString()));
        assertEquals("cannot back up to " + locked + ": the server's user may not write there", inside.getMessage());
        IOException below = assertThrows(IOException.class, () -> command.backup(locked.resolve("sub").toString()));
        assertTrue(below.getMessage(), below.getMessage().startsWith("cannot back up to " + locked.resolve("sub") + ": the folder cannot be made"));
    }

    @Test
    public void aPathThroughAFileIsAnErrorNamingIt() throws Exception {
        Path file = folder.newFile("not-a-folder").toPath();
        BackupCommand command = new BackupCommand();
        command.addSource(dir -> "never asked");

        IOException failed = assertThrows(IOException.class, () -> command.backup(file.resolve("backup").toString()));
        assertTrue(failed.getMessage(), failed.getMessage().startsWith("cannot back up to " + file.resolve("backup") + ": the folder cannot be made"));
    }

    @Test
    public void aSourceThatFailsMakesTheWholeBackupAnErrorThatSaysWhatWasDone() throws Exception {
        BackupCommand command = new BackupCommand();
        command.addSource(dir -> "wrote users.properties");
        command.addSource(dir -> {
            throw new IOException("roster: disk full");
        });

        IOException failed = assertThrows(IOException.class, () -> command.backup(folder.getRoot().toString()));
        assertTrue(failed.getMessage(), failed.getMessage().contains("is incomplete")
                && failed.getMessage().contains("  wrote users.properties") && failed.getMessage().contains("  FAILED roster: disk full"));
    }
}
