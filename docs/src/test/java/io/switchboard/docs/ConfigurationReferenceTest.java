package io.switchboard.docs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.BeforeClass;
import org.junit.Test;

import io.switchboard.docs.ConfigurationReference.Key;
import io.switchboard.docs.ConfigurationReference.OtherFile;
import io.switchboard.docs.ConfigurationReference.Pid;

/**
 * Writes the configuration reference from the distribution's bundles to target/configuration.md and
 * holds docs/configuration.md and config/ to it.
 */
public class ConfigurationReferenceTest {

    /** A key, or a key commented out as an example (`#table = users`, no space after the #). */
    private static final Pattern KEY = Pattern.compile("^#?([A-Za-z][A-Za-z0-9_.\\-]*)\\s*[=:]");

    private static List<Pid> server;
    private static List<Pid> examples;
    private static Path config;
    private static String generated;

    @BeforeClass
    public static void generate() throws IOException {
        Path distribution = Path.of(System.getProperty("switchboard.distribution"));
        assertTrue(distribution + " is missing: build the distribution in the same run (mvn -pl docs -am verify)",
                Files.isDirectory(distribution.resolve("bundle")));
        server = ConfigurationReference.read(ConfigurationReference.jarsIn(distribution.resolve("boot"), distribution.resolve("bundle")));
        examples = ConfigurationReference.read(Arrays.stream(System.getProperty("switchboard.examples").split(",")).map(Path::of).toList());
        config = Path.of(System.getProperty("switchboard.config"));
        generated = ConfigurationReference.render(server, examples, filesIn(config));
        Path target = Path.of(System.getProperty("switchboard.generated"));
        Files.createDirectories(target.getParent());
        Files.writeString(target, generated, StandardCharsets.UTF_8);
    }

    @Test
    public void theCheckedInPageIsWhatTheBundlesDeclare() throws IOException {
        Path reference = Path.of(System.getProperty("switchboard.reference"));
        String checkedIn = Files.exists(reference) ? Files.readString(reference, StandardCharsets.UTF_8) : "";
        if (!checkedIn.equals(generated)) {
            throw new AssertionError(reference + " differs from what the bundles' metatype says ("
                    + firstDifference(checkedIn, generated) + "). After this build, copy "
                    + System.getProperty("switchboard.generated") + " over it and commit it.");
        }
    }

    @Test
    public void theServerDeclaresItsConfiguration() {
        Set<String> pids = server.stream().map(Pid::pid).collect(Collectors.toSet());
        for (String expected : List.of("io.switchboard.core", "io.switchboard.http", "io.switchboard.transport.tcp",
                "io.switchboard.eventsource.http", "io.switchboard.auth.jdbc")) {
            assertTrue(expected + " among " + pids, pids.contains(expected));
        }
        assertEquals("a PID declared twice", pids.size(), server.size());
        for (Pid pid : server) {
            assertFalse(pid.pid() + " has no name", pid.title().isBlank());
            for (Key key : pid.keys()) {
                assertFalse(pid.pid() + " " + key.id() + " has neither a description nor a name", key.description().equals("."));
            }
        }
    }

    /** Every key a shipped file sets, or shows commented out, is one its component declares. */
    @Test
    public void everyKeyInConfigIsDeclared() throws IOException {
        Map<String, Pid> byPid = Stream.concat(server.stream(), examples.stream())
                .collect(Collectors.toMap(Pid::pid, Function.identity()));
        List<String> unknown = new ArrayList<>();
        for (String file : filesIn(config)) {
            Optional<OtherFile> other = ConfigurationReference.OTHER_FILES.stream().filter(o -> file.startsWith(o.file())).findFirst();
            if (other.isPresent()) {
                continue;
            }
            String base = file.replaceFirst("\\.example$", "");
            if (!base.endsWith(".cfg")) {
                unknown.add(file + ": neither a .cfg file nor in ConfigurationReference.OTHER_FILES");
                continue;
            }
            String pid = base.substring(0, base.length() - ".cfg".length());
            Pid declared = byPid.get(pid);
            if (declared == null && pid.contains("-")) {
                declared = byPid.get(pid.substring(0, pid.indexOf('-')));
                if (declared != null && !declared.factory()) {
                    declared = null;
                }
            }
            if (declared == null) {
                unknown.add(file + ": no component declares the PID " + pid);
                continue;
            }
            Set<String> ids = declared.keys().stream().map(Key::id).collect(Collectors.toSet());
            for (String key : keysOf(config.resolve(file))) {
                if (!ids.contains(key)) {
                    unknown.add(file + ": " + key + " is not a key of " + declared.pid());
                }
            }
        }
        assertEquals("keys in config/ that no component declares", List.of(), unknown);
    }

    private static Set<String> keysOf(Path file) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher matcher = KEY.matcher(line);
            if (matcher.find()) {
                keys.add(matcher.group(1));
            }
        }
        return keys;
    }

    /**
     * File Install reads a .cfg file as typed (a [ ] list becomes an array) only when every value in
     * it parses as typed, i.e. is quoted; one bare number makes it read the whole file as plain
     * properties, and the list arrives as the one string "[ ... ]". Read here with File Install's
     * own parser, from the distribution.
     */
    @Test
    public void fileInstallReadsEveryListInConfigAsAList() throws Exception {
        Path bundles = Path.of(System.getProperty("switchboard.distribution")).resolve("bundle");
        Path fileInstall;
        try (Stream<Path> jars = Files.list(bundles)) {
            fileInstall = jars.filter(jar -> jar.getFileName().toString().startsWith("org.apache.felix.fileinstall-")).findFirst()
                    .orElseThrow();
        }
        List<String> readAsOneString = new ArrayList<>();
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {fileInstall.toUri().toURL()}, null)) {
            Class<?> typed = loader.loadClass("org.apache.felix.fileinstall.shaded.util.properties.TypedProperties");
            for (String file : filesIn(config)) {
                if (!file.endsWith(".cfg")) {
                    continue;
                }
                Object properties = typed.getConstructor().newInstance();
                try (java.io.Reader reader = Files.newBufferedReader(config.resolve(file), StandardCharsets.UTF_8)) {
                    typed.getMethod("load", java.io.Reader.class).invoke(properties, reader);
                }
                ((Map<?, ?>) properties).forEach((key, value) -> {
                    if (value instanceof String text && text.trim().startsWith("[")) {
                        readAsOneString.add(file + ": " + key + " = " + text);
                    }
                });
            }
        }
        assertEquals("lists File Install reads as one string (quote every value in a file with a list)", List.of(), readAsOneString);
    }

    private static Set<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String firstDifference(String a, String b) {
        String[] left = a.split("\n", -1);
        String[] right = b.split("\n", -1);
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            String l = i < left.length ? left[i] : "<end>";
            String r = i < right.length ? right[i] : "<end>";
            if (!l.equals(r)) {
                return "line " + (i + 1) + ": checked in \"" + l + "\", declared \"" + r + "\"";
            }
        }
        return "line endings";
    }
}
