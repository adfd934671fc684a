package io.switchboard.auth.file.impl;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users file: one {@code user = credential} line per user, in properties syntax; a disabled
 * account's value starts with {@code disabled}. Re-read when it changes on disk; written atomically
 * (temporary file, then rename) so a crash never leaves it half-written, changing only the line of
 * the user written: other users, comments and blank lines stay as the operator left them.
 */
final class UsersFile {

    private static final Logger LOG = LoggerFactory.getLogger(UsersFile.class);
    private static final String HEADER = "# Switchboard users: name = salted SCRAM credentials (never a password).\n"
            + "# Manage with the Gogo commands adduser, passwd, deluser and users.\n";

    private final Path path;
    private Map<String, UserAccount> users = Map.of();
    private FileTime loadedModified;
    private long loadedSize = -1;

    UsersFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The users as the file says now. */
    synchronized Map<String, UserAccount> users() {
        reloadIfChanged();
        return users;
    }

    /** Writes the user's line, replacing the one there was, or adding one at the end. */
    synchronized void put(String user, UserAccount account) throws IOException {
        reloadIfChanged();
        List<String> lines = logicalLines();
        String line = escapeKey(user) + " = " + account.encode();
        int index = indexOf(lines, user);
        if (index < 0) {
            lines.add(line);
        } else {
            lines.set(index, line);
        }
        write(lines);
    }

    synchronized boolean remove(String user) throws IOException {
        reloadIfChanged();
        if (!users.containsKey(user)) {
            return false;
        }
        List<String> lines = logicalLines();
        int index;
        while ((index = indexOf(lines, user)) >= 0) { // a name given twice: the later line won, both go
            lines.remove(index);
        }
        write(lines);
        return true;
    }

    /**
     * Copies the file as it is now to the target, through a temporary file beside it so that the
     * target is never half-written. The file itself is only ever replaced whole (see write), so
     * the copy is one state of it, even one written by bin/switchboard adduser meanwhile.
     */
    synchronized void copyTo(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), ".users", ".tmp");
        try {
            Files.copy(path, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void reloadIfChanged() {
        FileTime modified;
        long size;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class); // one stat per login
            modified = attributes.lastModifiedTime();
            size = attributes.size();
        } catch (NoSuchFileException e) {
            if (loadedSize != 0 || !users.isEmpty()) {
                LOG.warn("{}: the users file does not exist; no user can log in through it", path);
            }
            users = Map.of();
            loadedSize = 0;
            loadedModified = null;
            return;
        } catch (IOException e) {
            LOG.error("{}: cannot read the users file; keeping the users loaded before", path, e);
            return;
        }
        if (modified.equals(loadedModified) && size == loadedSize) {
            return;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("{}: cannot read the users file; keeping the users loaded before", path, e);
            return;
        }
        Map<String, UserAccount> loaded = new TreeMap<>();
        for (String user : properties.stringPropertyNames()) {
            try {
                loaded.put(user, UserAccount.decode(properties.getProperty(user)));
            } catch (IllegalArgumentException e) {
                LOG.error("{}: user '{}' ignored: {}", path, user, e.getMessage());
            }
        }
        users = Collections.unmodifiableMap(loaded); // keeps the names sorted
        loadedModified = modified;
        loadedSize = size;
        LOG.info("{}: {} users loaded", path, users.size());
    }

    /**
     * The file's lines, a line continued with a trailing backslash joined to the next with a
     * newline, so that each entry is one element; a missing file starts with the header.
     */
    private List<String> logicalLines() throws IOException {
        List<String> physical;
        try {
            physical = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new ArrayList<>(List.of(HEADER.strip().split("\n")));
        }
        List<String> logical = new ArrayList<>();
        StringBuilder entry = null;
        for (String line : physical) {
            if (entry == null) {
                entry = new StringBuilder(line);
            } else {
                entry.append('\n').append(line);
            }
            if (isComment(line) || !continues(line)) {
                logical.add(entry.toString());
                entry = null;
            }
        }
        if (entry != null) {
            logical.add(entry.toString());
        }
        return logical;
    }

    /** The last line that sets this user (the one {@link Properties} keeps), or -1. */
    private static int indexOf(List<String> lines, String user) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (isComment(line) || line.isBlank()) {
                continue;
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(line));
            } catch (IOException | IllegalArgumentException e) {
                continue; // a line Properties cannot read is no user's; it stays as it is
            }
            if (one.containsKey(user)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isComment(String line) {
        String trimmed = line.stripLeading();
        return trimmed.startsWith("#") || trimmed.startsWith("!");
    }

    /** Properties syntax: an odd number of trailing backslashes continues the line. */
    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** Properties syntax: separators, escapes and comment marks inside a key need a backslash. */
    private static String escapeKey(String key) {
        return key.replace("\\", "\\\\").replace("=", "\\=").replace(":", "\\:").replace(" ", "\\ ")
                .replace("#", "\\#").replace("!", "\\!");
    }

    private void write(List<String> lines) throws IOException {
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), ".users", ".tmp");
        try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        loadedModified = null; // force the next read to pick up exactly what was written
        reloadIfChanged();
    }
}
