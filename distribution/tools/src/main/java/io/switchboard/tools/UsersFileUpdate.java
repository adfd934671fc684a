package io.switchboard.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.switchboard.credentials.UserCredentials;

/**
 * Sets one user's credentials in the users file of the file authentication provider, in the
 * format it reads and writes itself (properties syntax, {@code name = salted credentials}, sorted),
 * atomically: a temporary file beside it, then a rename, so a running server never reads half a file.
 */
final class UsersFileUpdate {

    private final Path file;

    UsersFileUpdate(Path file) {
        this.file = file;
    }

    boolean exists(String user) throws IOException {
        return read().containsKey(user);
    }

    void put(String user, UserCredentials credentials) throws IOException {
        Map<String, String> users = read();
        users.put(user, credentials.encode());
        write(users);
    }

    private Map<String, String> read() throws IOException {
        Map<String, String> users = new TreeMap<>();
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(name -> users.put(name, properties.getProperty(name).trim()));
        }
        return users;
    }

    private void write(Map<String, String> users) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), ".users", ".tmp");
        try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write("# Switchboard users: name = salted SCRAM credentials (never a password).\n");
            writer.write("# Manage with the Gogo commands adduser, passwd, deluser and users.\n");
            for (Map.Entry<String, String> entry : users.entrySet()) {
                writer.write(escapeKey(entry.getKey()) + " = " + entry.getValue() + "\n");
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Properties syntax: separators, escapes and comment marks inside a key need a backslash. */
    private static String escapeKey(String key) {
        return key.replace("\\", "\\\\").replace("=", "\\=").replace(":", "\\:").replace(" ", "\\ ")
                .replace("#", "\\#").replace("!", "\\!");
    }
}
