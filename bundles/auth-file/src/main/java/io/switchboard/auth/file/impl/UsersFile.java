package io.switchboard.auth.file.impl;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.credentials.UserCredentials;

/**
 * The users file: one {@code user = credential} line per user, in properties syntax. Re-read when
 * it changes on disk; written atomically (temporary file, then rename) so a crash never leaves it
 * half-written.
 */
final class UsersFile {

    private static final Logger LOG = LoggerFactory.getLogger(UsersFile.class);

    private final Path path;
    private Map<String, UserCredentials> users = Map.of();
    private FileTime loadedModified;
    private long loadedSize = -1;

    UsersFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The users as the file says now. */
    synchronized Map<String, UserCredentials> users() {
        reloadIfChanged();
        return users;
    }

    synchronized void put(String user, UserCredentials credential) throws IOException {
        reloadIfChanged();
        Map<String, UserCredentials> updated = new TreeMap<>(users);
        updated.put(user, credential);
        write(updated);
    }

    synchronized boolean remove(String user) throws IOException {
        reloadIfChanged();
        if (!users.containsKey(user)) {
            return false;
        }
        Map<String, UserCredentials> updated = new TreeMap<>(users);
        updated.remove(user);
        write(updated);
        return true;
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
        Map<String, UserCredentials> loaded = new TreeMap<>();
        for (String user : properties.stringPropertyNames()) {
            try {
                loaded.put(user, UserCredentials.decode(properties.getProperty(user)));
            } catch (IllegalArgumentException e) {
                LOG.error("{}: user '{}' ignored: {}", path, user, e.getMessage());
            }
        }
        users = Collections.unmodifiableMap(loaded); // keeps the names sorted
        loadedModified = modified;
        loadedSize = size;
        LOG.info("{}: {} users loaded", path, users.size());
    }

    /** Properties syntax: separators, escapes and comment marks inside a key need a backslash. */
    private static String escapeKey(String key) {
        return key.replace("\\", "\\\\").replace("=", "\\=").replace(":", "\\:").replace(" ", "\\ ")
                .replace("#", "\\#").replace("!", "\\!");
    }

    private void write(Map<String, UserCredentials> updated) throws IOException {
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), ".users", ".tmp");
        try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write("# Switchboard users: name = salted SCRAM credentials (never a password).\n");
            writer.write("# Manage with the Gogo commands adduser, passwd, deluser and users.\n");
            for (Map.Entry<String, UserCredentials> entry : updated.entrySet()) {
                writer.write(escapeKey(entry.getKey()) + " = " + entry.getValue().encode() + "\n");
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
