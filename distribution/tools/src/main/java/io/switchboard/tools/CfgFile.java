package io.switchboard.tools;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A ConfigAdmin file of config/ as FileInstall reads it, for the tools that run without the
 * server: a value may be written plain ({@code port = 8101}) or typed ({@code port = "8101"}).
 */
final class CfgFile {

    private final Properties properties = new Properties();

    private CfgFile() {
    }

    /** The file's values; none when the file does not exist (every key then has its default). */
    static CfgFile read(Path file) throws IOException {
        CfgFile cfg = new CfgFile();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                cfg.properties.load(reader);
            }
        }
        return cfg;
    }

    String value(String key, String fallback) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        value = value.trim();
        // typed values: "text", I"8101" and the like
        if (value.endsWith("\"") && value.indexOf('"') < value.length() - 1) {
            return value.substring(value.indexOf('"') + 1, value.length() - 1);
        }
        return value;
    }

    int number(String key, int fallback, Path file) {
        String value = value(key, String.valueOf(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": " + key + " = " + value + " is not a number");
        }
    }
}
